defmodule Shop.Exporter do
  @moduledoc """
  Exports orders. Some clauses tell the caller about progress besides replying:
  those messages are notifications, not replies.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, %{job: nil, queue: :queue.new()}}

  @impl true
  def handle_call({:export, rows}, {pid, _tag}, state) do
    send(pid, {:export_started, length(rows)}) #~ otp/no-raw-send
    {:reply, :ok, %{state | job: rows}}
  end

  def handle_call({:enqueue, rows}, from, state) do
    send(elem(from, 0), {:queued, length(rows)}) #~ otp/no-raw-send
    GenServer.reply(from, :ok)
    {:noreply, %{state | queue: :queue.in(rows, state.queue)}}
  end

  def handle_call(:status, {pid, _tag} = from, state) do
    case state.job do
      nil ->
        # This branch answers only with a plain message: the caller times out.
        send(pid, :idle) #~ otp/reply-via-send
        {:noreply, state}

      job ->
        GenServer.reply(from, {:running, length(job)})
        {:noreply, state}
    end
  end

  def handle_call(:cancel, {pid, _tag}, state) do
    if state.job do
      send(pid, :cancelled) #~ otp/reply-via-send
      {:noreply, %{state | job: nil}}
    else
      {:reply, {:error, :no_job}, state}
    end
  end
end
