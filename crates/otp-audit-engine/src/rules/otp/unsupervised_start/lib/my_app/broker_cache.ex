defmodule MyApp.BrokerCache do
  @moduledoc "One broker connection per sink, opened on first use and closed with the cache."
  use GenServer

  defmodule State do
    defstruct conns: %{}, start_fn: nil, stop_fn: nil

    def new(opts) do
      %__MODULE__{
        start_fn: Keyword.get(opts, :start_fn, &default_start/1),
        stop_fn: Keyword.get(opts, :stop_fn, &MyApp.BrokerClient.stop/1)
      }
    end

    # Run by the cache on a miss; the cache keeps the pid and stops it with stop_fn.
    defp default_start(sink) do
      MyApp.BrokerClient.start_link(host: sink.host, port: sink.port)
    end
  end

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def connection(sink), do: GenServer.call(__MODULE__, {:connection, sink}, 10_000)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, State.new(opts)}
  end

  @impl true
  def handle_call({:connection, sink}, _from, state) do
    case Map.fetch(state.conns, sink.id) do
      {:ok, conn} ->
        {:reply, {:ok, conn}, state}

      :error ->
        with {:ok, conn} <- state.start_fn.(sink) do
          {:reply, {:ok, conn}, put_in(state.conns[sink.id], conn)}
        else
          error -> {:reply, error, state}
        end
    end
  end

  @impl true
  def terminate(_reason, state) do
    Enum.each(state.conns, fn {_id, conn} -> state.stop_fn.(conn) end)
  end
end

defmodule MyApp.BrokerPing do
  @moduledoc "Opens a connection to check a sink, and never closes it."

  def check(sink), do: open(sink)

  defp open(sink) do
    MyApp.BrokerClient.start_link(host: sink.host, port: sink.port) #~ otp/unsupervised-start
  end
end
