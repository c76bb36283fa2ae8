defmodule MyApp.BatchLoader do
  # Code in the body of a `try` with `catch`, or of a `for` with `into:`, is nested in
  # the function like any other: Credo's walk skips those blocks, this rule does not.

  def load(batches, store) do
    try do
      case fetch_all(batches) do
        {:ok, rows} ->
          case MyApp.Store.insert(store, rows) do
            {:error, :conflict} ->
              case MyApp.Store.retry(store, rows) do #~ code/nesting
                :ok -> :ok
                {:error, reason} -> {:error, {:retry_failed, reason}}
                :skipped -> :skipped
              end

            other ->
              other
          end

        error ->
          error
      end
    catch
      :exit, reason -> {:error, {:store_down, reason}}
    end
  end

  def index(batches) do
    for batch <- batches, into: %{} do
      if batch.ready? do
        case batch.kind do
          :full ->
            cond do #~ code/nesting
              batch.size > 1_000 -> {batch.id, :large}
              true -> {batch.id, :full}
            end

          _ ->
            {batch.id, :partial}
        end
      else
        {batch.id, :waiting}
      end
    end
  end

  defp fetch_all(batches), do: {:ok, Enum.flat_map(batches, & &1.rows)}
end
