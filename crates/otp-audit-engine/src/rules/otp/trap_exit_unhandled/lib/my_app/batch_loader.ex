defmodule MyApp.BatchLoader do
  @moduledoc "Loads batches in a separate process so that a failed item cannot take the caller down."

  def load_all(batches) do
    task =
      Task.async(fn ->
        # Failures of the item tasks come back as {:exit, reason} from async_stream.
        Process.flag(:trap_exit, true)

        batches
        |> Task.async_stream(&MyApp.Source.load/1, timeout: 15_000, on_timeout: :kill_task)
        |> Enum.to_list()
      end)

    Task.await(task, 30_000)
  end

  def load_traced(batches) do
    task =
      async(fn ->
        Process.flag(:trap_exit, true)
        Enum.map(batches, &MyApp.Source.load/1)
      end)

    Task.await(task, 30_000)
  end

  defdelegate async(fun), to: Task

  def watch(batches) do
    spawn(fn ->
      Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
      Enum.each(batches, &spawn_link(fn -> MyApp.Source.load(&1) end))
      wait_for_results(length(batches))
    end)
  end

  defp wait_for_results(0), do: :done

  defp wait_for_results(n) do
    receive do
      {:loaded, _batch} -> wait_for_results(n - 1)
    end
  end
end
