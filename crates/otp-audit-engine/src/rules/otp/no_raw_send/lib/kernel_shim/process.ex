# Elixir's own `Process` and `Node` are exempt (see runtime.rs); a project's nested
# module of the same name is not, and inside it the short name means that module.
defmodule KernelShim do
  defmodule Process do
    @moduledoc "A stand-in for the standard library's wrappers, as a project might nest it."

    def send_after(dest, msg, time, opts \\ []) do
      :erlang.send_after(time, dest, msg, opts) #~ otp/no-erlang-send
    end

    def send(dest, msg, options) do
      :erlang.send(dest, msg, options) #~ otp/no-erlang-send
    end

    def ping(dest) do
      Kernel.send(dest, :ping) #~ otp/no-raw-send
    end
  end
end
