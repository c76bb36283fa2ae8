defmodule Mix.Tasks.Shop.Seed do
  @moduledoc "Seeds the database."
  use Mix.Task

  @impl Mix.Task
  def run(_args) do
    {:ok, _} = Shop.Repo.start_link()
    {:ok, _} = Task.start(fn -> Shop.Seeds.warm() end)
    Shop.Seeds.insert_all()
  end
end
