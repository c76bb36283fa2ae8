defmodule MyApp.Pipeline do
  @moduledoc false
  use GenServer

  def start_link(id), do: GenServer.start_link(__MODULE__, id)
  def stop(pid), do: GenServer.stop(pid)

  @impl true
  def init(id), do: {:ok, id}

  @impl true
  def handle_call(:state, _from, state), do: {:reply, state, state}
end
