defmodule MyApp.UploadFilter do
  @moduledoc "Drops the uploads over the limit and the ones with errors."

  def drop_invalid(entries, max, errors_of) do
    Enum.reduce(Enum.with_index(entries), [], fn {entry, i}, kept ->
      if i >= max do
        kept
      else
        # Each clause is one short expression below its pattern: the layout of a
        # two-clause case that would fit on one line each.
        case errors_of.(entry) do #~ code/nesting
          [_ | _] ->
            kept

          [] ->
            [entry | kept]
        end
      end
    end)
  end

  def drop_and_log(entries, max, errors_of) do
    Enum.reduce(Enum.with_index(entries), [], fn {entry, i}, kept ->
      if i >= max do
        kept
      else
        case errors_of.(entry) do #~ code/nesting
          [first | _] ->
            IO.warn("dropping #{entry.name}: #{inspect(first)}")
            kept

          [] ->
            [entry | kept]
        end
      end
    end)
  end
end
