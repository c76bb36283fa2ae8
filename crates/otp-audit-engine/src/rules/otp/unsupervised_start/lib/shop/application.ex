defmodule Shop.Application do
  @moduledoc false
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      Shop.Repo,
      {Task.Supervisor, name: Shop.TaskSupervisor},
      {DynamicSupervisor, name: Shop.DynamicSupervisor, strategy: :one_for_one},
      {Shop.CartServer, []}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Shop.Supervisor)
  end
end

defmodule Shop.CartSupervisor do
  @moduledoc "Starts carts on demand under the dynamic supervisor."
  use DynamicSupervisor

  def start_link(arg), do: DynamicSupervisor.start_link(__MODULE__, arg, name: __MODULE__)

  def child_spec(arg) do
    %{id: __MODULE__, start: {__MODULE__, :start_link, [arg]}, type: :supervisor}
  end

  def open_cart(user_id) do
    DynamicSupervisor.start_child(__MODULE__, {Shop.CartServer, user_id})
  end

  @impl true
  def init(_arg) do
    {:ok, _} = Registry.start_link(keys: :unique, name: Shop.CartRegistry)
    DynamicSupervisor.init(strategy: :one_for_one)
  end
end

defmodule Shop.Warmup do
  @moduledoc "Child specs for boot-time warmup, built by a helper."

  def warmup_children(opts) do
    children = [
      {Task, fn -> {:ok, _} = Shop.PriceCache.start_link(opts) end},
      Supervisor.child_spec({Shop.Loader, opts}, id: :loader)
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end
end
