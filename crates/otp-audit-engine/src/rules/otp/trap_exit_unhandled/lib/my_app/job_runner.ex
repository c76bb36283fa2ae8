defmodule MyApp.JobRunner do
  @moduledoc "A receive loop that hands every message to handle_message/2."

  def start_link(jobs), do: {:ok, spawn_link(fn -> init(jobs) end)}

  defp init(jobs) do
    Process.flag(:trap_exit, true)
    workers = Map.new(jobs, fn job -> {spawn_link(fn -> MyApp.Jobs.run(job) end), job} end)
    loop(workers)
  end

  defp loop(workers) when map_size(workers) == 0, do: :ok

  defp loop(workers) do
    receive do
      message -> message |> handle_message(workers) |> loop()
    end
  end

  defp handle_message({:EXIT, pid, :normal}, workers), do: Map.delete(workers, pid)

  defp handle_message({:EXIT, pid, reason}, workers) do
    {job, workers} = Map.pop(workers, pid)
    MyApp.Jobs.failed(job, reason)
    workers
  end

  defp handle_message(_other, workers), do: workers
end

defmodule MyApp.UploadServer do
  @moduledoc "handle_info/2 delegates to a helper whose first clause matches :EXIT."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, %{uploads: %{}, bucket: Keyword.fetch!(opts, :bucket)}}
  end

  @impl true
  def handle_call({:upload, path}, _from, state) do
    pid = spawn_link(fn -> MyApp.Storage.put(state.bucket, path) end)
    {:reply, :ok, put_in(state.uploads[pid], path)}
  end

  @impl true
  def handle_info(message, state), do: {:noreply, track(message, state)}

  defp track({:EXIT, pid, reason}, state) do
    {path, uploads} = Map.pop(state.uploads, pid)
    if reason != :normal, do: MyApp.Storage.retry_later(path)
    %{state | uploads: uploads}
  end

  defp track(_message, state), do: state
end

defmodule MyApp.UnusedExitClause do
  @moduledoc "The :EXIT clause exists, but nothing dispatches to it."

  def start(parent) do
    spawn(fn ->
      Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
      Process.link(parent)
      wait()
    end)
  end

  defp wait do
    receive do
      :stop -> :ok
    end
  end

  def describe({:EXIT, _pid, reason}), do: "exited: #{inspect(reason)}"
end
