defmodule MyApp.BatchNotes do
  @moduledoc "Two constructs as deep: the heavier one decides, wherever it sits."

  # A multi-line `case` and, later, a one-line lambda at the same depth: a warning,
  # at the `case`.
  def summarize(batches, notify) do
    Enum.reduce(batches, [], fn batch, acc ->
      if batch.open do
        case notify.(batch) do #~ code/nesting
          :ok ->
            [batch.id | acc]

          {:error, reason} ->
            IO.warn("batch #{batch.id}: #{inspect(reason)}")
            acc
        end
      else
        Enum.map(batch.links, fn link -> "- " <> link end) ++ acc
      end
    end)
  end

  # Both one-liners: information, at the later one.
  def flags(batches) do
    Enum.map(batches, fn batch ->
      if batch.open do
        case batch.size do
          0 -> :empty
          _ -> :open
        end
      else
        Enum.map(batch.tags, fn t -> {t, :closed} end) #~ code/nesting
      end
    end)
  end
end
