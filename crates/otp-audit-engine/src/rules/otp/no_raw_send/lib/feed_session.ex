defmodule MyApp.FeedSession do
  @moduledoc "A feed that confirms to every connected reader once it is live."
  use GenServer

  defmodule State do
    defstruct readers: %{}, live?: false
  end

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def connect(session), do: GenServer.call(session, {:connect, self()}, 5_000)

  @impl true
  def init(_opts), do: {:ok, %State{}}

  @impl true
  def handle_call({:connect, reader}, _from, %State{} = state) do
    state = %State{state | readers: Map.put(state.readers, reader, :connected)}
    if state.live?, do: confirm(reader)
    {:reply, :ok, state}
  end

  @impl true
  def handle_info(:went_live, %State{} = state) do
    state = %State{state | live?: true}
    confirm(state)
    {:noreply, state}
  end

  def handle_info(_other, state), do: {:noreply, state}

  # The struct clause loops over the readers; the pid clause gets each one, or
  # the reader that connected with a call.
  defp confirm(%State{readers: readers}) do
    for {pid, _status} <- readers do
      confirm(pid)
    end

    :ok
  end

  defp confirm(reader) when is_pid(reader) do
    send(reader, {:feed_live, self()})
  end
end
