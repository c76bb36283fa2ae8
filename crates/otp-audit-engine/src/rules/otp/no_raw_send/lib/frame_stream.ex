defprotocol MyApp.Readable do
  @moduledoc "Reads the next piece of a stream that a connection process feeds."
  def read(stream, timeout)
end

defmodule MyApp.FrameStream do
  @moduledoc """
  A stream fed by its connection process through the `deliver_*` functions. The
  reading side is the `MyApp.Readable` implementation below, which `receive`s what
  they send: one format, written in one file.
  """
  defstruct [:id, buffer: []]

  def deliver_chunk(:closed, _data), do: :ok
  def deliver_chunk(pid, data), do: send(pid, {:frame_stream, {:chunk, data}})

  def deliver_end(pid), do: send(pid, {:frame_stream, :end})

  def deliver_reset(pid, code), do: send(pid, {:frame_reset, code}) #~ otp/no-raw-send

  def deliver_flush(pid), do: send(pid, {:buffer_flush, self()}) #~ otp/no-raw-send

  defimpl MyApp.Readable do
    def read(%@for{} = stream, timeout) do
      receive do
        {:frame_stream, {:chunk, data}} -> {:ok, data, %{stream | buffer: [data | stream.buffer]}}
        {:frame_stream, :end} -> {:done, stream}
      after
        timeout -> {:timeout, stream}
      end
    end
  end
end

defmodule MyApp.SegmentStream do
  @moduledoc "The same, with its implementation outside the module."
  defstruct [:id]

  def deliver_segment(pid, segment), do: send(pid, {:segment_stream, segment})
end

defimpl MyApp.Readable, for: MyApp.SegmentStream do
  def read(stream, timeout) do
    receive do
      {:segment_stream, segment} -> {:ok, segment, stream}
    after
      timeout -> {:timeout, stream}
    end
  end
end

defmodule MyApp.PlainBuffer do
  @moduledoc "Another type's implementation receives `:buffer_flush`; the streams above do not."
  defstruct [:owner]
end

defimpl MyApp.Readable, for: MyApp.PlainBuffer do
  def read(buffer, timeout) do
    receive do
      {:buffer_flush, from} -> {:ok, from, buffer}
    after
      timeout -> {:timeout, buffer}
    end
  end
end
