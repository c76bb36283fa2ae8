defmodule MyApp.SlotRing do
  @moduledoc "A ring of delivery slots; a full slot moves the cursor on to the next one."

  def next_free(ring), do: advance(ring, ring.size)

  defp advance(ring, 0), do: {:none, ring}

  defp advance(ring, left) do
    case claim(ring) do
      {:ok, slot, ring} -> {:ok, slot, ring}
      # A full slot is the ring's own business: try the next one.
      {:error, ring} -> advance(%{ring | cursor: rem(ring.cursor + 1, ring.size)}, left - 1)
    end
  end

  defp claim(%{cursor: cursor, taken: taken} = ring) do
    if MapSet.member?(taken, cursor) do
      {:error, ring}
    else
      {:ok, cursor, %{ring | taken: MapSet.put(taken, cursor)}}
    end
  end
end

defmodule MyApp.SlotBooking do
  @moduledoc "Books a named slot; a taken slot is the caller's error."

  def book(ring, slot) do
    with {:ok, ring} <- reserve(ring, slot) do
      {:ok, slot, ring}
    end
  end

  defp reserve(%{taken: taken} = ring, slot) do
    if MapSet.member?(taken, slot), do: {:error, :taken}, else: {:ok, %{ring | taken: MapSet.put(taken, slot)}}
  end
end
