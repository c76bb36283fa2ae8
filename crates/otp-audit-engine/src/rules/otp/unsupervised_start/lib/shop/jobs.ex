defmodule Shop.Jobs do
  @moduledoc "Runs a function as a temporary child of the shop's job supervisor."

  alias Shop.JobTerminator

  def run(fun) do
    spec = %{id: Task, start: {JobTerminator, :start_job, [self(), fun]}, restart: :temporary}
    DynamicSupervisor.start_child(Shop.JobSupervisor, spec)
  end
end
