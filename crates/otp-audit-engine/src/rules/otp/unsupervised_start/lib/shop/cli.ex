defmodule Shop.CLI do
  @moduledoc "Escript entry point: owns everything it starts."

  def main(argv) do
    {:ok, _} = Shop.Repo.start_link()
    {:ok, pid} = GenServer.start(Shop.Importer, argv)
    Shop.Importer.run(pid)
  end
end
