defmodule Market.QuoteFeed do
  @moduledoc """
  Subscribers receive `{:market_quote, feed_pid, ref, kind, payload}` messages.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(_opts), do: {:ok, %{subscribers: %{}}}

  @impl true
  def handle_info({:tick, symbol, price}, state) do
    for {pid, ref} <- state.subscribers do
      deliver(pid, ref, :tick, %{symbol: symbol, price: price})
    end

    {:noreply, state}
  end

  def handle_info(_other, state), do: {:noreply, state}

  def confirm_joined(state, pid) do
    ref = Map.fetch!(state.subscribers, pid)
    deliver(pid, ref, :joined, %{})
    state
  end

  defp deliver(pid, ref, kind, payload) when is_pid(pid) do
    send(pid, {:market_quote, self(), ref, kind, payload})
  end
end

defmodule Market.Closer do
  @moduledoc false

  def close(pid), do: finished(pid)
  def close_all(pid, reason), do: closed(pid, reason)

  defp finished(pid), do: send(pid, :done) #~ otp/no-raw-send

  defp closed(pid, reason), do: send(pid, {:market_closed, reason}) #~ otp/no-raw-send
end
