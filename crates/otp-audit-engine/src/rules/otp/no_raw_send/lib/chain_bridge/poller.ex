defmodule MyApp.ChainBridge.Poller do
  @moduledoc """
  The scan loop that both bridge servers run from their own `handle_info(:continue, ...)`:
  each hands in its `__MODULE__`, the name it is registered under.
  """
  require Logger

  @spec loop(module(), map()) :: {:noreply, map()}
  def loop(module, %{from: from, interval: interval} = state) do
    last = module.scan(from)
    Logger.debug("#{inspect(module)} scanned up to #{last}")
    delay = if last == from, do: interval, else: 0
    Process.send_after(Process.whereis(module), :continue, delay)
    {:noreply, %{state | from: last + 1}}
  end

  # Asked from a client function, not from the server: the process looked up is not
  # the caller's, so the raw message stays reported.
  def nudge(module) do
    send(Process.whereis(module), :refresh) #~ otp/no-raw-send
  end

  # Handed a server's name from its callback, but the message is one that server
  # does not take.
  def poke(module, state) do
    Process.send_after(Process.whereis(module), :poke, 10) #~ otp/no-raw-send
    state
  end
end
