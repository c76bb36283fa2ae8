defmodule Billing.PortBridge do
  @moduledoc "Talks to a port owner loop that is not a GenServer."

  def lookup(owner, key) do
    ref = make_ref()
    send(owner, {:lookup, key, ref, self()})

    receive do
      {^ref, value} -> {:ok, value}
    after
      1_000 -> {:error, :timeout}
    end
  end

  def poke(owner, key) do
    ref = make_ref()
    send(owner, {:poke, key, ref}) #~ otp/no-raw-send
    ref
  end

  def notify_all(owner, subscribers, event) do
    for pid <- subscribers, do: send(pid, {:billing_event, event})
    Enum.each(subscribers, fn _pid -> send(owner, {:fanned_out, event}) end) #~ otp/no-raw-send
  end
end
