defmodule MyApp.Importer do
  @moduledoc "Imports a feed; the fetch runs in a task that reports back here."
  use GenServer

  alias MyApp.Importer.Steps

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl GenServer
  def init(opts), do: {:ok, %{sup: opts[:task_sup], rows: []}}

  @impl GenServer
  def handle_cast({:import, req}, state) do
    :ok = Steps.start_fetch(state.sup, req, self())
    {:noreply, state}
  end

  @impl GenServer
  def handle_info({:fetched, rows}, state), do: {:noreply, %{state | rows: rows}}
  def handle_info({:fetch_failed, _error}, state), do: {:noreply, state}
  def handle_info(_msg, state), do: {:noreply, state}
end

defmodule MyApp.Importer.Steps do
  @moduledoc "The importer's steps; they run in its process and in the tasks it starts."

  def start_fetch(sup, req, owner) do
    {:ok, _} =
      Task.Supervisor.start_child(sup, fn ->
        rows = MyApp.Feed.fetch(req)
        send(owner, {:fetched, rows})
        # Nobody takes this one: the importer has no clause for it.
        send(owner, {:fetch_stats, length(rows)}) #~ otp/no-raw-send
      end)

    {:ok, _} = Task.Supervisor.start_child(sup, fn -> fetch_or_report(req, owner) end)
    :ok
  end

  defp fetch_or_report(req, owner) do
    MyApp.Feed.fetch!(req)
  rescue
    error -> send(owner, {:fetch_failed, error})
  end
end
