defmodule MyApp.Http.Exchange do
  # Functions of an exchange run in the process that owns it; each checks that
  # first, so its notices to the owner go to the current process.
  defstruct [:owner, :socket, status: nil]

  def new(socket), do: %__MODULE__{owner: self(), socket: socket}

  def respond(%__MODULE__{} = exchange, status, body) do
    ensure_owner!(exchange)
    :ok = :gen_tcp.send(exchange.socket, [Integer.to_string(status), " ", body])
    send(exchange.owner, {:exchange, :responded})
    %{exchange | status: status}
  end

  def close(%__MODULE__{} = exchange) do
    unless exchange.owner == self(), do: raise(ArgumentError, "not the exchange owner")
    :gen_tcp.close(exchange.socket)
    send(exchange.owner, {:exchange, :closed})
  end

  def ack(owner, ref) when owner == self() do
    send(owner, {:exchange_ack, ref})
  end

  def abort(%__MODULE__{} = exchange) do
    ensure_open(exchange)
    send(exchange.owner, {:exchange, :aborted}) #~ otp/no-raw-send
  end

  def hand_over(%__MODULE__{} = exchange) do
    send(exchange.owner, {:exchange, :handed_over}) #~ otp/no-raw-send
  end

  defp ensure_owner!(%{owner: owner}) when owner == self(), do: :ok
  defp ensure_owner!(_exchange), do: raise("exchange functions must run in the owner process")

  # Only tells; a mismatch goes on to send to another process.
  defp ensure_open(%{owner: owner}) when owner == self(), do: :ok
  defp ensure_open(_exchange), do: {:error, :not_owner}
end
