defmodule MyApp.CheckoutDrain do
  @moduledoc """
  Waits for outstanding checkouts before it shuts down. The drain arms a timer for
  itself and gives up when that message comes, so the wait is bounded.
  """
  use GenServer

  @drain_timeout :drain_timeout

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(_opts), do: {:ok, %{checkouts: %{}}}

  @impl true
  def handle_call({:shutdown, timeout}, _from, state) do
    state = drain(state, timeout) #~ otp/blocking-in-callback
    {:stop, :normal, :ok, state}
  end

  def handle_call(:flush_unbounded, _from, state) do
    state = wait_all(state) #~ otp/blocking-in-callback
    {:reply, :ok, state}
  end

  defp drain(state, timeout) do
    Process.send_after(self(), @drain_timeout, timeout)

    Enum.reduce(state.checkouts, state, fn {ref, _pid}, acc ->
      receive do
        {:checkin, ^ref} -> %{acc | checkouts: Map.delete(acc.checkouts, ref)}
        {:DOWN, ^ref, :process, _pid, _reason} -> %{acc | checkouts: Map.delete(acc.checkouts, ref)}
        @drain_timeout -> exit(:timeout)
      end
    end)
  end

  # No timer: this one can wait for good.
  defp wait_all(state) do
    Enum.reduce(state.checkouts, state, fn {ref, _pid}, acc ->
      receive do
        {:checkin, ^ref} -> %{acc | checkouts: Map.delete(acc.checkouts, ref)}
      end
    end)
  end
end
