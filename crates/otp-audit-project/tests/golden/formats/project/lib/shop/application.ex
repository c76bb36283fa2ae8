defmodule Shop.Application do
  @moduledoc false
  use Application

  @impl true
  def start(_type, _args) do
    children = [{Task.Supervisor, name: Shop.TaskSupervisor}, Shop.Heartbeat]
    Supervisor.start_link(children, strategy: :one_for_one, name: Shop.Supervisor)
  end
end
