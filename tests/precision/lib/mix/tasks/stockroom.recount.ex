defmodule Mix.Tasks.Stockroom.Recount do
  @shortdoc "Recounts every shelf from the scan files on disk"
  @moduledoc "Runs once from the shell; a hung run is stopped with Ctrl-C."
  use Mix.Task

  @impl Mix.Task
  def run(args) do
    {opts, _, _} = OptionParser.parse(args, strict: [dir: :string])
    Mix.Task.run("app.start")

    opts
    |> Keyword.get(:dir, "priv/scans")
    |> Path.join("*.csv")
    |> Path.wildcard()
    |> Task.async_stream(&recount_file/1, ordered: false, timeout: :infinity)
    |> Enum.each(fn {:ok, {file, count}} -> Mix.shell().info("#{file}: #{count}") end)
  end

  defp recount_file(file) do
    {file, file |> File.stream!() |> Enum.count()}
  end
end
