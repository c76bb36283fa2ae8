defmodule Kv.Index do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{sup: opts[:task_supervisor], subscribers: []}}

  @impl true
  def handle_cast(:rebuild, state) do
    {:ok, _pid} = Task.start_link(Kv.Index.Builder, :run, [self(), state.sup])
    {:noreply, state}
  end

  # One clause for both notices, picked by a guard; subscribers get the same atom.
  @impl true
  def handle_info(message, state) when message == :rebuilt or message in [:rebuild_failed] do
    for pid <- state.subscribers, do: send(pid, message)
    {:noreply, state}
  end
end
