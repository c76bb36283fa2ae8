defmodule Billing.JobWorker do
  # Deletes the key the runner's process writes: the cleanup of the decision reported
  # at that write (and a no-op here, in another process), not a second finding.
  # A key that no lib code writes is still reported where it is deleted.
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, Map.new(opts)}

  @impl true
  def handle_info({:job_done, _result}, state) do
    Process.delete(:job_monitor)
    Process.delete(:last_batch) #~ otp/no-process-dictionary
    {:noreply, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}
end
