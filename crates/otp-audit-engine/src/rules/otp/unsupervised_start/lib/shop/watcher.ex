defmodule Shop.Watcher do
  @moduledoc "Keeps one price feed per store: starts it, watches it, stops it."
  use GenServer

  def init(_), do: {:ok, %{feeds: %{}}}

  def handle_call({:watch, store}, _from, state) do
    case start_feed(store) do
      {:ok, pid} ->
        ref = Process.monitor(pid)
        {:reply, :ok, put_in(state.feeds[store], {pid, ref})}

      {:error, reason} ->
        {:reply, {:error, reason}, state}
    end
  end

  def handle_call({:audit, store}, _from, state) do
    {:ok, _pid} = Shop.Auditor.start_link(store) #~ otp/unsupervised-start
    {:reply, :ok, state}
  end

  def handle_info({:DOWN, ref, :process, _pid, _reason}, state) do
    {:noreply, %{state | feeds: Map.reject(state.feeds, fn {_, {_, r}} -> r == ref end)}}
  end

  def handle_info(_message, state), do: {:noreply, state}

  defp start_feed(store), do: Shop.PriceFeed.start_link(store)
end
