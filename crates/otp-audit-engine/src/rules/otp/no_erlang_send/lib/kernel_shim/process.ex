defmodule Process do
  @moduledoc "A stand-in for the standard library's wrapper, as a runtime would define it."

  # The wrapper itself: the Erlang call is the only way to write it.
  def send_after(dest, msg, time, opts \\ []) do
    :erlang.send_after(time, dest, msg, opts)
  end

  def send(dest, msg, options) do
    :erlang.send(dest, msg, options)
  end

  # Not the wrapper: other code in the same module still gets the finding.
  def tick_later(dest, time) do
    :erlang.send_after(time, dest, :tick) #~ otp/no-erlang-send
  end
end
