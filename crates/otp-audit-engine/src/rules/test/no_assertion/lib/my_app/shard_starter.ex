defmodule MyApp.ShardStarter do
  @moduledoc """
  Starts the missing shards. A failed start is reported to the error tracker and
  logged; the public functions always return `:ok`.
  """
  require Logger

  @spec start_missing([atom]) :: :ok
  def start_missing(shards) do
    shards
    |> Enum.map(&start_shard/1)
    |> keep_failures()
    |> report_failures()
  end

  def check(shards, running) do
    if length(shards) != length(running) do
      start_missing(shards -- running)
    end

    :ok
  end

  defp start_shard(shard) do
    case MyApp.ShardSupervisor.start_child(shard) do
      {:ok, _pid} -> :ok
      {:error, {:already_started, _pid}} -> :ok
      {:error, reason} -> {:error, {shard, reason}}
    end
  end

  defp keep_failures(results) do
    case Enum.reject(results, &(&1 == :ok)) do
      [] -> :ok
      failures -> {:error, failures}
    end
  end

  defp report_failures(:ok), do: :ok

  defp report_failures({:error, failures}) do
    Logger.error("shards failed to start: #{inspect(failures)}")
    MyApp.Tracker.capture_message("shards failed to start", extra: %{failures: failures})
    :ok
  end
end

defmodule MyApp.ShardLoader do
  @moduledoc "Loads a shard's snapshot; a bad snapshot is reported and returned."

  def load(path) do
    case read_snapshot(path) do
      {:ok, data} ->
        {:ok, data}

      {:error, reason} ->
        MyApp.Tracker.capture_message("bad snapshot", extra: %{path: path})
        {:error, reason}
    end
  end

  defp read_snapshot(path) do
    if String.ends_with?(path, ".snap"), do: {:ok, path}, else: {:error, :not_a_snapshot}
  end
end

defmodule MyApp.ShardIndex do
  @moduledoc "Finds the shard that owns a key."

  def owner(shards, key) do
    lookup(shards, :erlang.phash2(key, 16))
  end

  defp lookup(shards, slot) do
    case Map.fetch(shards, slot) do
      {:ok, shard} -> {:ok, shard}
      :error -> {:error, :no_owner}
    end
  end
end
