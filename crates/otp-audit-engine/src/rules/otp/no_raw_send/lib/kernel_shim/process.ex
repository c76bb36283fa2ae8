defmodule Process do
  @moduledoc "A stand-in for the standard library's wrappers, as a runtime would define it."

  def send_after(dest, msg, time, opts \\ []) do
    :erlang.send_after(time, dest, msg, opts)
  end

  def send(dest, msg, options) do
    :erlang.send(dest, msg, options)
  end

  def ping(dest) do
    Kernel.send(dest, :ping) #~ otp/no-raw-send
  end
end
