defmodule MyApp.Spooler do
  @moduledoc "Traps exits and handles both the messages and the shutdown."
  use GenServer

  require Logger

  def start_link(dir), do: GenServer.start_link(__MODULE__, dir)

  @impl true
  def init(dir) do
    Process.flag(:trap_exit, true)
    {:ok, writer} = MyApp.Spooler.Writer.start_link(dir)
    {:ok, %{dir: dir, writer: writer}}
  end

  @impl true
  def handle_info({:EXIT, writer, reason}, %{writer: writer} = state) do
    {:stop, {:writer_died, reason}, state}
  end

  def handle_info(msg, state) do
    Logger.warning("unexpected message #{inspect(msg)}")
    {:noreply, state}
  end
end

defmodule MyApp.Flusher do
  @moduledoc "Traps exits so that terminate/2 runs on shutdown."
  use GenServer

  def start_link(buffer), do: GenServer.start_link(__MODULE__, buffer)

  @impl true
  def init(buffer) do
    :erlang.process_flag(:trap_exit, true)
    {:ok, buffer}
  end

  @impl true
  def handle_cast({:push, item}, buffer), do: {:noreply, [item | buffer]}

  @impl true
  def terminate(_reason, buffer) do
    MyApp.Store.write_all(Enum.reverse(buffer))
  end
end

defmodule MyApp.Watchdog do
  @moduledoc "A plain process (run in a supervised Task) whose receive matches exit messages."
  def watch(target) do
    Process.flag(:trap_exit, true)
    Process.link(target)

    receive do
      {:EXIT, ^target, reason} -> MyApp.Alerts.notify({:down, target, reason})
    end
  end
end

defmodule MyApp.Tuning do
  @moduledoc "Other process flags, and turning trapping off, are fine."
  def low_priority, do: Process.flag(:priority, :low)
  def stop_trapping, do: Process.flag(:trap_exit, false)
end
