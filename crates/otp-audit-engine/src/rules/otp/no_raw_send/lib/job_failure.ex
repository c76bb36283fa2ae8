defmodule Shop.Job do
  defstruct [:from, :queue, :result]
end

defmodule Shop.Jobs.Abandon do
  # Hands the failed job back to the process awaiting it: `%{job | ...}` updates a
  # `%Shop.Job{}` the head matched, so the message is that named type.
  alias Shop.Job

  def handle_failure(%Job{from: from} = job, reason) do
    Shop.Queue.ack(job)

    with {owner, _ref} <- from,
         do: send(owner, %{job | result: {:error, reason}})
  end

  # A plain map updated the same way is no named type: reported.
  def report_failure(%{from: {owner, _ref}} = attempt, reason) do
    send(owner, %{attempt | result: {:error, reason}}) #~ otp/no-raw-send
  end
end
