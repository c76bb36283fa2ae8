# A module of Elixir's own IEx namespace, as the Elixir repository has them: the
# runtime's client functions are what callers build their waits on.
defmodule IEx.SessionBroker do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def shells, do: GenServer.call(__MODULE__, :shells)

  @impl true
  def init(_opts), do: {:ok, []}

  @impl true
  def handle_call(:shells, _from, shells), do: {:reply, shells, shells}
end
