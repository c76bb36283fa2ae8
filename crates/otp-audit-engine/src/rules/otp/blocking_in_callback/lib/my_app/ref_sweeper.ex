defmodule MyApp.RefSweeper do
  @moduledoc """
  Tracks references held by other processes. `sweep/2` only waits for the owners'
  acknowledgements when asked to (`sweep(state, true)`); the default does not wait.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def drop_sync(pid, ref), do: GenServer.call(pid, {:drop_sync, ref}, 10_000)
  def track(pid, ref, owner), do: GenServer.call(pid, {:track, ref, owner}, 5_000)

  @impl true
  def init(_opts), do: {:ok, %{refs: %{}, pending: []}}

  @impl true
  def handle_call({:drop_sync, ref}, _from, state) do
    state = %{state | pending: [ref | state.pending]}
    {:reply, :ok, sweep(state, true)} #~ otp/blocking-in-callback
  end

  def handle_call({:track, ref, owner}, _from, state) do
    Process.monitor(owner)
    {:reply, :ok, sweep(put_in(state.refs[ref], owner))}
  end

  @impl true
  def handle_info({:DOWN, _mon, :process, owner, _reason}, state) do
    refs = for {ref, pid} <- state.refs, pid != owner, into: %{}, do: {ref, pid}
    {:noreply, sweep(%{state | refs: refs}, false)}
  end

  defp sweep(state, wait \\ false) do
    for ref <- state.pending, owner = state.refs[ref], owner != nil do
      send(owner, {:release, self(), ref})

      if wait do
        receive do
          {:released, ^ref} -> :ok
        after
          8_000 -> :timeout
        end
      end
    end

    %{state | pending: []}
  end
end

defmodule MyApp.RefSweeper.Eager do
  @moduledoc "Control: here the default waits, so the one-argument call blocks."
  use GenServer

  @impl true
  def init(_opts), do: {:ok, %{pending: []}}

  @impl true
  def handle_info(:sweep, state), do: {:noreply, sweep(state)} #~ otp/blocking-in-callback

  defp sweep(state, wait \\ true) do
    if wait do
      receive do
        {:released, _ref} -> :ok
      after
        1_000 -> :timeout
      end
    end

    state
  end
end
