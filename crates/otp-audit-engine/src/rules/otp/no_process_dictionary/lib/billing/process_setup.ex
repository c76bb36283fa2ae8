defmodule Billing.ExportRunner do
  @moduledoc "Runs export batches in worker processes that know which batch they serve."

  def run(batches, reporter) do
    Enum.map(batches, fn batch ->
      spawn_monitor(fn ->
        # Context handed to the new process, as OTP does for :"$callers".
        Process.put(:billing_batch, {batch.id, reporter})
        export(batch)
      end)
    end)
  end

  def current_batch do
    case Process.get(:billing_batch) do
      {id, _reporter} -> id
      nil -> :none
    end
  end

  defp export(batch), do: Enum.each(batch.rows, &IO.inspect/1)
end

defmodule Billing.ShardSupervisor do
  use Supervisor

  def start_link(opts), do: Supervisor.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    table = :ets.new(__MODULE__, [:public, read_concurrency: true])
    # A supervisor has no state of its own to keep the table in.
    Process.put(:shard_table, table)
    Supervisor.init(Keyword.fetch!(opts, :children), strategy: :one_for_one)
  end

  def register(shard, pid), do: :ets.insert(Process.get(:shard_table), {shard, pid})
end

defmodule Billing.Notes do
  @moduledoc "Collects the notes a parser callback sees, for the extent of one parse."

  def parse_with_notes(text) do
    Process.put(:billing_notes, [])
    {:ok, doc} = Billing.Parser.parse(text, on_note: &remember_note/1)
    {doc, Enum.reverse(Process.get(:billing_notes))}
  after
    Process.delete(:billing_notes)
  end

  defp remember_note(note) do
    notes = Process.get(:billing_notes)
    Process.put(:billing_notes, [note | notes])
  end
end

defmodule Billing.Flags do
  @moduledoc "A flag set in spawned workers and also by callers: not setup any more."

  def start(flag) do
    spawn(fn ->
      Process.put(:billing_flag, flag) #~ otp/no-process-dictionary
      :ok
    end)
  end

  # The same key written again in the module: one decision, reported once above.
  def enable, do: Process.put(:billing_flag, true)

  def enabled?, do: Process.get(:billing_flag, false)

  def note(n), do: Process.put(:billing_note, n) #~ otp/no-process-dictionary
  def get(key), do: :erlang.get(key)
end
