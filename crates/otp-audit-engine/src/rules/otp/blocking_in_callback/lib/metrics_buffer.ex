defmodule MyApp.MetricsBuffer do
  @moduledoc "Buffers metric rows and writes them in the background, one batch at a time."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def insert(row), do: GenServer.cast(__MODULE__, {:insert, row})

  def flush, do: GenServer.call(__MODULE__, :flush, 15_000)

  @impl true
  def init(_opts), do: {:ok, %{rows: [], flush_ref: nil}}

  @impl true
  def handle_cast({:insert, row}, state), do: {:noreply, flush_async(%{state | rows: [row | state.rows]})}

  @impl true
  def handle_call(:flush, _from, state) do
    state = await_flush(state) #~ otp/blocking-in-callback
    MyApp.Metrics.write(state.rows)
    {:reply, :ok, %{state | rows: []}}
  end

  @impl true
  def handle_info({ref, _result}, %{flush_ref: ref} = state) do
    Process.demonitor(ref, [:flush])
    {:noreply, flush_async(%{state | flush_ref: nil})}
  end

  def handle_info({:DOWN, ref, :process, _pid, _reason}, %{flush_ref: ref} = state) do
    {:noreply, flush_async(%{state | flush_ref: nil})}
  end

  def handle_info(_message, state), do: {:noreply, state}

  defp flush_async(%{flush_ref: ref} = state) when is_reference(ref), do: state
  defp flush_async(%{rows: []} = state), do: state

  defp flush_async(state) do
    rows = state.rows
    task = Task.Supervisor.async_nolink(MyApp.TaskSupervisor, fn -> MyApp.Metrics.write(rows) end)
    %{state | rows: [], flush_ref: task.ref}
  end

  defp await_flush(%{flush_ref: nil} = state), do: state

  defp await_flush(%{flush_ref: ref} = state) do
    receive do
      {^ref, _result} ->
        Process.demonitor(ref, [:flush])
        %{state | flush_ref: nil}
    after
      10_000 -> state
    end
  end
end
