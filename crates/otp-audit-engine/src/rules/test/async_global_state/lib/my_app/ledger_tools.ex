defmodule MyApp.LedgerTools do
  @moduledoc "Reads the ledger tools' settings; `:probe` here is an option, not an env key."

  def export_dir, do: Application.get_env(:ledger_tools, :export_dir, "/tmp")

  def locale, do: System.get_env("LEDGER_LOCALE", "en")

  def run(opts), do: if(Keyword.get(opts, :probe), do: :dry_run, else: :run)

  def report(name, meta), do: :telemetry.execute([:ledger_tools, :report], %{count: 1}, Map.put(meta, :name, name))
end
