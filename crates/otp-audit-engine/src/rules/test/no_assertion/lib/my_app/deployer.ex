defmodule MyApp.Deployer do
  @moduledoc "Deploys the bundles in a directory; broken ones are skipped with a log line."
  require Logger

  def deploy_dir(dir) do
    for %{status: {:error, reason}} = info <- load_all(dir) do
      Logger.warning("Skipping bundle #{info.path}: #{reason}")
    end

    dir |> load_all() |> Enum.filter(&(&1.status == :ok)) |> Enum.map(& &1.bundle)
  end

  defp load_all(dir) do
    for path <- Path.wildcard(Path.join(dir, "*.bundle")) do
      case File.read(path) do
        {:ok, "bundle:" <> body} -> %{path: path, status: :ok, bundle: body}
        _ -> %{path: path, status: {:error, "not a bundle"}}
      end
    end
  end
end
