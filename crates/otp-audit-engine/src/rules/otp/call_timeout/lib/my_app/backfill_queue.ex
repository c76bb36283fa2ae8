defmodule MyApp.BackfillQueue do
  @moduledoc """
  Feeds missing invoice ids to a worker pool. On start it streams the ids from the
  database in a task, which pushes them back here while the queue has room.
  """
  use GenServer

  @max_size 10_000

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # Asked only by the stream task below, while the server keeps answering.
  def not_full? do
    GenServer.call(__MODULE__, :not_full?) #~ otp/call-timeout
  end

  def pending_count, do: GenServer.call(__MODULE__, :pending_count) #~ otp/call-timeout

  @impl true
  def init(_opts) do
    {:ok, %{queue: :queue.new(), size: 0}, {:continue, :stream}}
  end

  @impl true
  def handle_continue(:stream, state) do
    Task.Supervisor.start_child(MyApp.TaskSupervisor, fn ->
      MyApp.Invoices.missing_ids()
      |> Stream.filter(fn _id -> not_full?() end)
      |> Stream.each(&push/1)
      |> Stream.run()
    end)

    {:noreply, state}
  end

  @impl true
  def handle_call(:not_full?, _from, state), do: {:reply, state.size < @max_size, state}
  def handle_call(:pending_count, _from, state), do: {:reply, state.size, state}

  @impl true
  def handle_cast({:push, id}, state) do
    {:noreply, %{state | queue: :queue.in(id, state.queue), size: state.size + 1}}
  end

  defp push(id), do: GenServer.cast(__MODULE__, {:push, id})
end
