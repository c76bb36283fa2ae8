defmodule MediaKit.Application do
  @moduledoc false
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      {Task.Supervisor, name: MediaKit.TaskSupervisor},
      {DynamicSupervisor, name: MediaKit.JobSupervisor, strategy: :one_for_one},
      MediaKit.Transcoder
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: MediaKit.Supervisor)
  end
end
