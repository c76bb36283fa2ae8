defmodule MyApp.Clock do
  @moduledoc "Time helpers; only Elixir-level timer and send APIs."
  use GenServer

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(arg) do
    Process.send_after(self(), :tick, 1_000)
    {:ok, %{started_at: :erlang.monotonic_time(:millisecond), arg: arg}}
  end

  @impl true
  def handle_info(:tick, state) do
    ref = :erlang.start_timer(1_000, self(), :tick)
    send(self(), {:ticked, :erlang.system_time()})
    {:noreply, Map.put(state, :timer, ref)}
  end

  def handle_info(_other, state), do: {:noreply, state}

  def now_ms, do: :erlang.monotonic_time(:millisecond)

  def node_of(pid), do: :erlang.node(pid)
end
