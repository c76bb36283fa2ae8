defmodule Kernel do
  @moduledoc "A stand-in for the standard library's `send/2`, as a runtime would define it."

  def send(dest, message) do
    :erlang.send(dest, message)
  end
end
