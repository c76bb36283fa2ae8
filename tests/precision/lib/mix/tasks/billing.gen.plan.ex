defmodule Mix.Tasks.Billing.Gen.Plan do
  @shortdoc "Generates a billing plan module"
  @moduledoc """
  Generates `Billing.Plans.<Name>` with the given price fields.

      mix billing.gen.plan Gold monthly_fee setup_fee
  """

  use Mix.Task

  @impl Mix.Task
  def run(args) do
    {opts, [name | fields], _invalid} = OptionParser.parse(args, strict: [app: :string])
    app = String.to_atom(opts[:app] || "billing")
    module = Module.concat([Billing.Plans, Macro.camelize(name)])
    fields = Enum.map(fields, &String.to_atom/1)

    Mix.shell().info("Creating #{inspect(module)} in :#{app} with #{inspect(fields)}")
    Mix.Generator.create_file("lib/billing/plans/#{Macro.underscore(name)}.ex", render(module, fields))
  end

  defp render(module, fields) do
    """
    defmodule #{inspect(module)} do
      defstruct #{inspect(fields)}
    end
    """
  end
end
