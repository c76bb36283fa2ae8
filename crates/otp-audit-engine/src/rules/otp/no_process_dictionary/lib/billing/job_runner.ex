defmodule Billing.JobRunner do
  # Runs one job in a process of its own and keeps its monitor where the job's
  # progress calls can find it: the write is the finding.
  use GenServer

  def run_link(job, worker), do: GenServer.start_link(__MODULE__, {job, worker})

  @impl true
  def init({job, worker}) do
    Process.put(:job_monitor, job.monitor) #~ otp/no-process-dictionary
    {:ok, %{job: job, worker: worker}, {:continue, :run}}
  end

  @impl true
  def handle_continue(:run, state) do
    result = state.job.fun.()
    send(state.worker, {:job_done, result})
    {:stop, :normal, state}
  end
end
