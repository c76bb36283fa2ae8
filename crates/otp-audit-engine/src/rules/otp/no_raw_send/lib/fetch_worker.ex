defmodule MyApp.FetchWorker do
  @moduledoc """
  Runs HTTP requests over one connection. A caller hands over its pid and a ref
  with the request, and gets the response later as `{:fetch_response, ref, result}`
  (see `MyApp.FetchClient.fetch/2`), so the worker can serve other callers meanwhile.
  """

  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def request(worker, request, reply_to, ref) do
    GenServer.call(worker, {:request, request, reply_to, ref}, 5_000)
  end

  @impl true
  def init(_opts), do: {:ok, %{waiting: %{}, refs: %{}}}

  @impl true
  def handle_call({:request, request, reply_to, ref}, _from, state) do
    id = make_ref()
    send(self(), {:run, id, request})
    state = %{state | waiting: Map.put(state.waiting, id, reply_to), refs: Map.put(state.refs, id, ref)}
    {:reply, :ok, state}
  end

  @impl true
  def handle_info({:run, id, request}, state) do
    state.waiting |> Map.get(id) |> respond({:ok, request}, Map.get(state.refs, id))
    {:noreply, %{state | waiting: Map.delete(state.waiting, id), refs: Map.delete(state.refs, id)}}
  end

  def handle_info(:closed, state) do
    Enum.each(state.waiting, fn {_id, pid} -> notify_closed(pid, :closed) end)
    {:noreply, %{state | waiting: %{}, refs: %{}}}
  end

  defp respond(pid, result, response_ref) do
    send(pid, {:fetch_response, response_ref, result})
  end

  defp notify_closed(pid, reason), do: send(pid, {:fetch_closed, reason})

  # The same shape, but no caller waits for this tag with its ref pinned: a raw
  # message like any other.
  def progress(pid, progress_ref, percent) do
    send(pid, {:fetch_progress, progress_ref, percent}) #~ otp/no-raw-send
  end
end
