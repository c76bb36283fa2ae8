defmodule MyApp.StreamConn do
  @moduledoc """
  One HTTP/2 connection. `next_part/2` is a long poll: the caller waits until the
  next response part arrives, which may take minutes on a watch.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def next_part(pid, ref), do: GenServer.call(pid, {:next_part, ref}, :infinity)

  # Near miss: this request is answered in the clause, so the wait is only a hang.
  def flush(pid, ref), do: GenServer.call(pid, {:flush, ref}, :infinity) #~ otp/infinity-timeout

  @impl true
  def init(opts), do: {:ok, %{conn: Keyword.fetch!(opts, :conn), parts: %{}}}

  @impl true
  def handle_call({:next_part, ref}, from, state) do
    # The part buffer keeps `from` and replies when a part arrives.
    state = update_in(state.parts[ref], &MyApp.PartQueue.wait(&1, from))
    stop_if_closed(state)
  end

  def handle_call({:flush, ref}, from, state) do
    MyApp.PartQueue.log_flush(ref, from)
    {:reply, :ok, state}
  end

  defp stop_if_closed(state) do
    if state.conn == :closed, do: {:stop, :normal, state}, else: {:noreply, state}
  end
end
