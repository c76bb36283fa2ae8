defmodule MyApp.SchemaMigrator do
  @moduledoc "Runs each migration in a task of its own, inside a transaction that may take as long as the DDL needs."

  # The task's transaction waits without a bound on purpose: the await mirrors it (info).
  def run(repo, migration) do
    fn -> migrate(repo, migration) end
    |> Task.async()
    |> Task.await(:infinity) #~ otp/infinity-timeout
  end

  # Control: the task's work has no unbounded wait of its own, so the await is the
  # only thing that could hang: a warning.
  def backfill(repo, rows) do
    fn -> Enum.each(rows, &repo.insert!/1) end
    |> Task.async()
    |> Task.await(:infinity) #~ otp/infinity-timeout
  end

  defp migrate(repo, migration) do
    {:ok, result} = repo.transaction(fn -> migration.up() end, timeout: :infinity)
    result
  end
end
