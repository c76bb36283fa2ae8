defmodule Mix.Tasks.MyApp.Digest do
  @moduledoc "Fingerprints the static files."
  use Mix.Task

  @impl true
  def run(args) do
    MyApp.Digest.compile(args)
    :ok
  end
end
