defmodule MyApp.FeedFixtures do
  @moduledoc "Test data for the price feeds; the registry runs for the whole suite."

  def registry, do: MyApp.FeedRegistry
end
