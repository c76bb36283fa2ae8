if Code.ensure_loaded?(Igniter) do
  defmodule MyApp.Dev.Installer do
    @moduledoc "Finds the modules that use ours, for `mix my_app.install`: code generation on a developer's machine."

    def modules_using(igniter, used) do
      igniter
      |> Igniter.Project.Module.modules()
      |> Task.async_stream(&uses?(&1, used), timeout: :infinity)
      |> Enum.flat_map(fn {:ok, found} -> found end)
    end

    defp uses?(module, used), do: if(Igniter.Code.Module.uses?(module, used), do: [module], else: [])
  end
end
