defmodule Jobs.Drainer do
  @moduledoc """
  Runs jobs. After `drain/1` the caller gets `{:drained, queue}` once the running
  ones are done (`Jobs.Shutdown` waits for it).
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def drain(server), do: GenServer.call(server, :drain, 5_000)

  @impl true
  def init(opts) do
    {:ok, %{queue: opts[:queue], running: %{}, waiter: nil, owner: opts[:owner]}}
  end

  @impl true
  def handle_call(:drain, {caller, _tag}, state) do
    # Nothing running: the caller hears at once, as it would have later.
    if map_size(state.running) == 0, do: send(caller, {:drained, state.queue})

    {:reply, :ok, %{state | waiter: caller}}
  end

  @impl true
  def handle_info({:DOWN, ref, :process, _pid, _reason}, state) do
    running = Map.delete(state.running, ref)

    if state.waiter && map_size(running) == 0 do
      send(state.waiter, {:drained, state.queue})
    end

    # The owner came from the start options, not from a request to be told: a
    # notification to the pid the process was started for, reported at info level.
    send(state.owner, {:job_done, ref}) #~ otp/no-raw-send

    {:noreply, %{state | running: running}}
  end
end
