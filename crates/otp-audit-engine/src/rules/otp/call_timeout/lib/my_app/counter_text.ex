defmodule MyApp.Counter do
  defstruct [:pid]

  def value(%__MODULE__{pid: pid}), do: GenServer.call(pid, :value, 1_000)

  # The impl is its own module, String.Chars.MyApp.Counter: findings here are
  # scoped to it, not to MyApp.Counter or to a bare to_string/1.
  defimpl String.Chars do
    def to_string(counter) do
      count = GenServer.call(counter.pid, :value) #~ otp/call-timeout
      "#Counter<#{count}>"
    end
  end
end
