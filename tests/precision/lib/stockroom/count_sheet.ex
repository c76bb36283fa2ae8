defmodule Stockroom.CountSheet do
  @moduledoc "Tallies a shelf scan in an Agent that lives exactly as long as the tally."

  def tally(scans) do
    {:ok, sheet} = Agent.start_link(fn -> %{} end)

    try do
      Enum.each(scans, fn sku -> Agent.update(sheet, &Map.update(&1, sku, 1, fn n -> n + 1 end), 1_000) end)
      Agent.get(sheet, & &1, 1_000)
    after
      Agent.stop(sheet)
    end
  end
end
