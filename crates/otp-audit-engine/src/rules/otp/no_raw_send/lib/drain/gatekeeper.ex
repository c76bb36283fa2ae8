# fixture: needs the project
defmodule MyApp.Drain.Gatekeeper do
  # Sits last in the pipeline's supervision tree. On shutdown it tells every intake
  # stage to stop taking work and waits until each one confirms, or dies.
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, %{intakes: Keyword.fetch!(opts, :intakes)}}
  end

  @impl true
  def terminate(_reason, state) do
    for name <- state.intakes, pid = Process.whereis(name) do
      send(pid, :stop_intake)
      ref = Process.monitor(pid)

      receive do
        {:drained, ^pid} -> :ok
        {:DOWN, ^ref, :process, _, _} -> :ok
      after
        5_000 -> :ok
      end
    end

    :ok
  end
end
