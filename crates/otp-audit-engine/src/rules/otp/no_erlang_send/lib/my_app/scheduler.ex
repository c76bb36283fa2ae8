defmodule MyApp.Scheduler do
  @moduledoc "Schedules reminders for jobs."

  alias MyApp.Jobs

  def remind_later(job) do
    :erlang.send_after( #~ otp/no-erlang-send
      Jobs.delay_for(job),
      Jobs.owner(job),
      {:remind, job.id}
    )
  end

  def remind_at(pid, job, deadline) do
    :erlang.send_after(deadline, pid, {:remind, job.id}, abs: true) #~ otp/no-erlang-send
  end

  def remind_in(pid, job) do
    job.delay
    |> :erlang.send_after(pid, {:remind, job.id}) #~ otp/no-erlang-send
  end

  def senders do
    [&:erlang.send/2, &:erlang.send_after/3] #~ otp/no-erlang-send, otp/no-erlang-send
  end

  def dispatch(pid, job) do
    apply(:erlang, :send, [pid, {:run, job}]) #~ otp/no-erlang-send
  end
end
