defmodule Billing.BucketDispatcher do
  @moduledoc """
  Splits events into buckets on the hot path. The buckets live in the process
  dictionary, filled and emptied within each `dispatch/2`.
  """

  def init(buckets) do
    for bucket <- buckets do
      Process.put(bucket, []) #~ otp/no-process-dictionary
    end

    {:ok, buckets}
  end

  def dispatch(events, buckets) do
    fill(events, length(buckets))
    {:ok, Enum.map(buckets, &drain/1)}
  end

  defp fill([], _count), do: :ok

  defp fill([event | rest], count) do
    bucket = :erlang.phash2(event, count)
    Process.put(bucket, [event | Process.get(bucket)])
    fill(rest, count)
  end

  defp drain(bucket) do
    events = Process.put(bucket, [])
    {bucket, Enum.reverse(events)}
  end
end

defmodule Billing.TallyKeeper do
  @moduledoc "Keeps running tallies per account in the process dictionary for good."

  def record(account, amount) do
    Process.put({:tally, account}, tally(account) + amount) #~ otp/no-process-dictionary
  end

  def tally(account), do: Process.get({:tally, account}, 0)
end
