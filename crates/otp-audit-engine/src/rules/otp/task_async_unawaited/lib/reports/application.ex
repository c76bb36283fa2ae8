defmodule Reports.Application do
  @moduledoc false
  use Application

  # The project's Task.Supervisor: messages and fixes in the other files name it.
  @impl true
  def start(_type, _args) do
    children = [
      {Task.Supervisor, name: Reports.TaskSupervisor},
      Reports.Server
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Reports.Supervisor)
  end
end
