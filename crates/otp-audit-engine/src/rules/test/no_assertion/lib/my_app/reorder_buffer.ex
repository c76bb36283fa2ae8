defmodule MyApp.ReorderBuffer do
  @moduledoc """
  Puts packets back in order. A late packet is refused by the private
  `try_insert/2`, and `insert/2` drops that status: no error reaches callers.
  """

  defstruct packets: %{}, next: 0

  def insert(buffer, packet) do
    {_status, buffer} = try_insert(buffer, packet)
    buffer
  end

  defp try_insert(%{next: next} = buffer, %{seq: seq}) when seq < next, do: {:error, buffer}
  defp try_insert(buffer, packet), do: {:ok, %{buffer | packets: Map.put(buffer.packets, packet.seq, packet)}}
end

defmodule MyApp.StrictReorderBuffer do
  @moduledoc "A near miss: the status is matched, and the error returned to callers."

  defstruct packets: %{}, next: 0

  def insert(buffer, packet) do
    {status, buffer} = try_insert(buffer, packet)
    {status, buffer}
  end

  defp try_insert(%{next: next} = buffer, %{seq: seq}) when seq < next, do: {:error, buffer}
  defp try_insert(buffer, packet), do: {:ok, %{buffer | packets: Map.put(buffer.packets, packet.seq, packet)}}
end
