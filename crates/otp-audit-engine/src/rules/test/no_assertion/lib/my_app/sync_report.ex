defmodule MyApp.SyncReport do
  @moduledoc "Summarises a batch of sync results for the dashboard; it handles errors, it never returns one."

  @spec summarise([{:ok, term} | {:error, term}]) :: %{synced: non_neg_integer, failed: [term]}
  def summarise(results) do
    Enum.reduce(results, %{synced: 0, failed: []}, fn
      {:ok, _record}, acc -> %{acc | synced: acc.synced + 1}
      {:error, reason}, acc -> %{acc | failed: [reason | acc.failed]}
    end)
  end

  @spec headline(map) :: String.t()
  def headline(%{failed: []} = summary), do: "#{summary.synced} records synced"
  def headline(summary), do: "#{summary.synced} synced, #{length(summary.failed)} failed"

  @spec retry?({:ok, term} | {:error, term}) :: boolean
  def retry?({:error, :timeout}), do: true
  def retry?(_result), do: false

  @spec first_failure([term]) :: term | nil
  def first_failure(results) do
    case Enum.find(results, &match?({:error, _}, &1)) do
      {:error, reason} -> reason
      _none -> nil
    end
  end
end
