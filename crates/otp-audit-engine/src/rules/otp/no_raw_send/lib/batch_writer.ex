defmodule MyApp.BatchWriter do
  @moduledoc """
  A writer process and its client functions in one module: the message formats
  are sent and received here only.
  """

  def start_link(path), do: {:ok, spawn_link(fn -> open_and_loop(path) end)}

  def write(writer, rows) do
    ref = make_ref()
    send(writer, {:write, self(), ref, rows})

    receive do
      {^ref, result} -> result
    after
      5_000 -> {:error, :timeout}
    end
  end

  def close(writer), do: send(writer, {__MODULE__, :close})

  def flush_later(writer), do: send(writer, {:flush, :soon}) #~ otp/no-raw-send

  def notify_owner(owner, path), do: send(owner, {:writer_ready, path}) #~ otp/no-raw-send

  defp open_and_loop(path) do
    {:ok, io} = File.open(path, [:append])
    loop(io)
  end

  defp loop(io) do
    receive do
      {:write, from, ref, rows} ->
        result = IO.binwrite(io, Enum.map(rows, &[&1, ?\n]))
        send(from, {ref, result})
        loop(io)

      {__MODULE__, :close} ->
        File.close(io)

      {:flush, _when, _extra} ->
        loop(io)
    end
  end
end

defmodule MyApp.BatchWriter.Probe do
  @moduledoc "Asks a writer for its stats; the writer answers with the same tag."

  def stats(writer) do
    ref = make_ref()
    send(writer, {:stats, ref, self()})

    receive do
      {:stats, ^ref, stats} -> stats
    after
      1_000 -> :unknown
    end
  end
end

defmodule MyApp.BatchWriter.Pool do
  @moduledoc "Workers report back to the pool that spawned them, in this module's own format."

  def run(batches) do
    parent = self()
    workers = Enum.map(batches, fn rows -> spawn_link(fn -> work(parent, rows) end) end)
    Enum.map(workers, &collect/1)
  end

  defp work(parent, rows) do
    send(parent, {self(), :written, length(rows)})
    send(parent, {self(), :progress, 100}) #~ otp/no-raw-send
  end

  defp collect(worker) do
    receive do
      {^worker, :written, count} -> count
    end
  end
end

defmodule MyApp.BatchWriter.Gate do
  @moduledoc "Starts a worker that waits for a go signal this module sends."

  def run(job) do
    {ref, task} = prepare(job)
    send(task.pid, ref)
    Task.await(task, 5_000)
  end

  def poke(task), do: send(task.pid, :poke) #~ otp/no-raw-send

  def cancel(task), do: send(task.pid, :cancel)

  defp prepare(job) do
    ref = make_ref()
    {ref, Task.async(fn -> wait_for(ref, job) end)}
  end

  defp wait_for(ref, job) do
    receive do
      ^ref -> job.()
      :cancel -> :cancelled
    end
  end
end
