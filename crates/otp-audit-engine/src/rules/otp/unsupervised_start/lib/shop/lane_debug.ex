defmodule Shop.LaneDebug do
  # Debug builds draw each lane hand-off as a process in Observer's application view.
  @show_lanes Application.compile_env(:shop, :show_lanes_in_observer, false)

  if @show_lanes do
    def lane_marker(lane_id, neighbours) do
      {:ok, marker} =
        Task.start_link(fn ->
          Process.flag(:trap_exit, true)
          Process.set_label(self(), "lane #{inspect(lane_id)}")
          upstream = Map.get(neighbours, :upstream_marker)
          if upstream, do: Process.link(upstream)

          receive do
            {:EXIT, _from, _reason} -> :ok
          end
        end)

      marker
    end
  else
    def lane_marker(_lane_id, _neighbours), do: nil
  end

  # Not a marker: it flushes the lane's counters before it ends.
  def lane_watch(lane_id) do
    {:ok, watcher} =
      Task.start_link(fn -> #~ otp/unsupervised-start
        Process.flag(:trap_exit, true)
        Shop.LaneStats.reset(lane_id)

        receive do
          {:EXIT, _from, _reason} -> Shop.LaneStats.flush(lane_id)
        end
      end)

    watcher
  end
end
