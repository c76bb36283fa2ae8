defmodule MyApp.Test.Registry do
  @moduledoc """
  Keeps which test owns which collector while MyApp's test mode is on; started by
  `MyApp.Test.start/0`, never in production.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # Runs inside a test: the default 5 s exit is the failure the test wants.
  def register(owner, collector), do: GenServer.call(__MODULE__, {:register, owner, collector})

  @impl true
  def init(_opts), do: {:ok, %{}}

  @impl true
  def handle_call({:register, owner, collector}, _from, owners) do
    {:reply, :ok, Map.put(owners, owner, collector)}
  end
end
