defmodule Shop.Pricing.Supervisor do
  @moduledoc "The pricing part of the shop: its own task supervisor and refresher."
  use Supervisor

  alias Shop.Pricing

  def start_link(opts), do: Supervisor.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    # Written through the alias: the supervisor is `Shop.Pricing.TaskSupervisor`,
    # meant for pricing's own work, not a place for the rest of the shop's tasks.
    children = [
      {Task.Supervisor, name: Pricing.TaskSupervisor},
      Pricing.Refresher
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end
end
