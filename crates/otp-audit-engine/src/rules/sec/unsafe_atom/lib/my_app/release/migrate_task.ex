defmodule MyApp.Release.MigrateTask do
  @moduledoc "A Mix task kept outside lib/mix: `use Mix.Task` is enough, no finding."

  use Mix.Task

  def run(args) do
    repos = Enum.map(args, &Module.concat([Macro.camelize(&1)]))
    Enum.each(repos, fn repo -> Mix.shell().info("migrating #{inspect(repo)}") end)
    String.to_atom(List.first(args, "my_app"))
  end
end
