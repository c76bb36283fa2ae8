defmodule MyApp.FrameScanner do
  @moduledoc "Counts the frames of an audio stream, skipping bytes that are no frame header."

  def frame_count(data), do: scan(data, 0, 0)

  # A byte that starts no valid header is skipped: the decoder's errors stop here.
  defp scan(data, offset, count) when byte_size(data) > offset do
    case decode_header(binary_part(data, offset, byte_size(data) - offset)) do
      {:ok, length} -> scan(data, offset + length, count + 1)
      _ -> scan(data, offset + 1, count)
    end
  end

  defp scan(_data, _offset, count), do: count

  # The first frame's length, or 0: the with's else drops the decoder's error.
  def first_frame_length(data) do
    with {:ok, length} <- decode_header(data) do
      length
    else
      _ -> 0
    end
  end

  defp decode_header(<<0xFF, 0xFB, length, _rest::binary>>) when length > 0, do: {:ok, length}
  defp decode_header(_bytes), do: {:error, :invalid_header}
end
