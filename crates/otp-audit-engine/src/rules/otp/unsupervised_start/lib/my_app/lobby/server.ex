defmodule MyApp.Lobby.Server do
  @moduledoc "One lobby per process; its state struct starts the lobby's media pipeline."
  use GenServer

  alias MyApp.Lobby.State

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, State.new(opts)}

  @impl true
  def handle_call(:state, _from, state), do: {:reply, state, state}

  @impl true
  def terminate(_reason, state), do: MyApp.Pipeline.stop(state.pipeline)
end
