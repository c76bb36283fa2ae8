defmodule Billing.BatchScope do
  @moduledoc """
  Marks the batch runner's own process, so that ledger calls made from inside a
  user's batch closure run in place instead of queueing behind the batch itself.
  """

  def run(entries, fun) do
    if inside_batch?(), do: fun.(entries), else: Billing.BatchRunner.run(entries, fun)
  end

  def post(entry) do
    if inside_batch?(), do: Billing.Ledger.post_now(entry), else: Billing.BatchRunner.post(entry)
  end

  def inside_batch?, do: Process.get(:billing_inside_batch, false)

  def enter_batch, do: Process.put(:billing_inside_batch, true)

  # Offered for symmetry; nothing in the project turns the flag off again.
  def leave_batch, do: Process.put(:billing_inside_batch, false)
end

defmodule Billing.BatchRunner do
  @moduledoc "Runs batches one at a time; its process is marked as the batch process."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def run(entries, fun), do: GenServer.call(__MODULE__, {:run, entries, fun}, 30_000)
  def post(entry), do: GenServer.call(__MODULE__, {:post, entry}, 5_000)

  @impl true
  def init(opts) do
    Billing.BatchScope.enter_batch()
    {:ok, opts}
  end

  @impl true
  def handle_call({:run, entries, fun}, _from, state), do: {:reply, fun.(entries), state}
  def handle_call({:post, entry}, _from, state), do: {:reply, Billing.Ledger.post_now(entry), state}
end

defmodule Billing.ReplayScope do
  @moduledoc "The same flag shape, but the project flips it back and forth: state, not a setting."

  def replaying?, do: Process.get(:billing_replaying, false)

  def post(entry) do
    if replaying?(), do: :skipped, else: Billing.Ledger.post_now(entry)
  end

  def begin_replay, do: Process.put(:billing_replaying, true) #~ otp/no-process-dictionary

  def end_replay, do: Process.put(:billing_replaying, false)
end

defmodule Billing.Replayer do
  @moduledoc "Replays a journal with posting switched off, then switches it back on."

  def replay(journal) do
    Billing.ReplayScope.begin_replay()
    Enum.each(journal, &Billing.ReplayScope.post/1)
    Billing.ReplayScope.end_replay()
  end
end
