defmodule MyApp.Settings do
  @moduledoc "Reads the application environment the tests of this fixture change."

  def observability, do: Application.get_env(:my_app, :observability, [])
  def retention_days, do: :my_app |> Application.get_env(:retention, []) |> Keyword.get(:days, 30)
  def currency, do: Application.fetch_env!(:my_app, :currency)
  def tax_mode, do: Application.get_env(:my_app, :tax_mode, :exclusive)
  def legacy?, do: Application.get_env(:my_app, :legacy, false)
end

defmodule MyApp.FlagReader do
  @moduledoc "Answers flag lookups under a registered name."

  def whereis, do: Process.whereis(:flag_reader)
end
