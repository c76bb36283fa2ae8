defmodule MyApp.StubServer do
  @moduledoc "An HTTP stub for tests: `down/1` waits until every request in flight is done."
  use GenServer

  def start_link(opts \\ []), do: GenServer.start_link(__MODULE__, opts)

  # The one wrapper for every request; `:down` may wait for requests in flight,
  # and the server answers it later with GenServer.reply/2.
  def call(pid, request), do: GenServer.call(pid, request, :infinity)

  def down(pid), do: call(pid, :down)

  @impl true
  def init(_opts), do: {:ok, %{in_flight: 0, awaiting_down: []}}

  @impl true
  def handle_call(request, from, state), do: do_handle_call(request, from, state)

  defp do_handle_call(:down, _from, %{in_flight: 0} = state), do: {:reply, :ok, state}

  defp do_handle_call(:down, from, state) do
    {:noreply, %{state | awaiting_down: [from | state.awaiting_down]}}
  end

  defp do_handle_call(:port, _from, state), do: {:reply, 4000, state}

  @impl true
  def handle_info(:request_done, %{in_flight: 1} = state) do
    Enum.each(state.awaiting_down, &GenServer.reply(&1, :ok))
    {:noreply, %{state | in_flight: 0, awaiting_down: []}}
  end

  def handle_info(:request_done, state), do: {:noreply, %{state | in_flight: state.in_flight - 1}}
end

defmodule MyApp.StubRegistry do
  @moduledoc "A registry of stubs that answers every request at once."
  use GenServer

  def start_link(opts \\ []), do: GenServer.start_link(__MODULE__, opts)

  # Every clause replies at once: the infinite wait only hides a stuck server.
  def call(pid, request), do: GenServer.call(pid, request, :infinity) #~ otp/infinity-timeout

  @impl true
  def init(_opts), do: {:ok, %{}}

  @impl true
  def handle_call(request, from, state), do: do_handle_call(request, from, state)

  defp do_handle_call({:lookup, name}, _from, state), do: {:reply, Map.get(state, name), state}
  defp do_handle_call({:put, name, pid}, _from, state), do: {:reply, :ok, Map.put(state, name, pid)}
end
