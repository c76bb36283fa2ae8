# Elixir's own `Process` and `Node` are exempt (see runtime.rs); a project's nested
# module of the same name is not, and inside it the short name means that module.
defmodule KernelShim do
  defmodule Process do
    @moduledoc "A stand-in for the standard library's wrapper, as a project might nest it."

    # Only Elixir's own Process is the wrapper; this one can call it.
    def send_after(dest, msg, time, opts \\ []) do
      :erlang.send_after(time, dest, msg, opts) #~ otp/no-erlang-send
    end

    def send(dest, msg, options) do
      :erlang.send(dest, msg, options) #~ otp/no-erlang-send
    end

    # Other code in the module gets the finding too, and its fix names Elixir's Process.
    def tick_later(dest, time) do
      :erlang.send_after(time, dest, :tick) #~ otp/no-erlang-send
    end
  end
end
