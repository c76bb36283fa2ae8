defmodule Shop.Release do
  @moduledoc "Run with `bin/shop eval \"Shop.Release.migrate()\"`: one-off tasks outside the tree."
  require Logger

  def migrate do
    {:ok, _} = Application.ensure_all_started(:error_reporter)
    {:ok, _, _} = Ecto.Migrator.with_repo(Shop.Repo, &Ecto.Migrator.run(&1, :up, all: true))
    report_pending(Shop.Migrations.pending())
  end

  defp report_pending(0), do: :ok

  defp report_pending(n) do
    Logger.error("#{n} manual migrations pending")
    Task.start(fn -> Shop.ErrorReporter.capture("#{n} manual migrations pending") end)
    Process.sleep(1_000)
  end
end
