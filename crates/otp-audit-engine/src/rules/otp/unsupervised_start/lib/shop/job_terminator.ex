defmodule Shop.JobTerminator do
  @moduledoc "Starts background jobs for Shop.Jobs, tagged with their owner."
  require Logger

  # Named as the `start:` of the child spec Shop.Jobs hands to its DynamicSupervisor:
  # the supervisor calls it, so the task is a supervised, temporary child.
  def start_job(owner, fun) do
    Task.start_link(fn ->
      Logger.metadata(owner: inspect(owner))
      fun.()
    end)
  end

  # Called by hand from a request: nothing supervises this one.
  def start_detached(fun) do
    Task.start_link(fun) #~ otp/unsupervised-start
  end
end
