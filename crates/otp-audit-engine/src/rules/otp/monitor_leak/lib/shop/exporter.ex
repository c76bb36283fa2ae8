defmodule Shop.Exporter do
  @moduledoc """
  Builds an export in its own server. `export_monitor/2` runs in the caller: it
  monitors the exporter, asks it to start, and returns the reference so that the
  caller can match `{:export_done, ref, result}` or `{:DOWN, ref, ...}`.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @spec export_monitor(pid(), map()) :: reference()
  def export_monitor(pid, spec) do
    ref = Process.monitor(pid)
    GenServer.cast(pid, {:export, spec, self(), ref})
    ref
  end

  @impl true
  def init(opts), do: {:ok, Map.new(opts)}

  @impl true
  def handle_cast({:export, spec, caller, ref}, state) do
    send(caller, {:export_done, ref, Map.take(state, Map.keys(spec))})
    {:noreply, state}
  end
end

defmodule Shop.Importer do
  @moduledoc "The server's own callback calls the public function: the :DOWN comes back here."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def watch_source(pid) do
    ref = Process.monitor(pid) #~ otp/monitor-leak
    ref
  end

  @impl true
  def init(source), do: {:ok, %{source: source, ref: watch_source(source)}}
end
