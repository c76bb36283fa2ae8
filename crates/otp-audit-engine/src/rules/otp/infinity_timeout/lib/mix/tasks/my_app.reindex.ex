defmodule Mix.Tasks.MyApp.Reindex do
  @shortdoc "Rebuilds the search index from the documents on disk"
  @moduledoc "Run once from the shell; the user stops a hung run with Ctrl-C."
  use Mix.Task

  @impl Mix.Task
  def run(args) do
    {opts, _, _} = OptionParser.parse(args, strict: [path: :string])
    Mix.Task.run("app.start")

    opts
    |> Keyword.get(:path, "priv/documents")
    |> Path.join("**/*.md")
    |> Path.wildcard()
    |> Task.async_stream(&MyApp.Search.index_file/1, ordered: false, timeout: :infinity)
    |> Stream.run()

    [:titles, :bodies]
    |> Enum.map(&Task.async(fn -> MyApp.Search.compact(&1) end))
    |> Task.await_many(:infinity)

    GenServer.call(MyApp.Search.Writer, :flush, :infinity)
  end
end
