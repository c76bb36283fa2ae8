defmodule MyApp.FeatureFlags do
  @moduledoc "Flags kept in the application environment, through a backend module."

  alias MyApp.FeatureFlags.EnvStore

  @backend EnvStore

  def enable(flag), do: @backend.put(flag, true)
  def enabled?(flag), do: @backend.get(flag) == true
  defdelegate all, to: @backend
end

defmodule MyApp.FeatureFlags.EnvStore do
  @moduledoc false

  def put(flag, value), do: Application.put_env(:my_app, :flags, Map.put(all(), flag, value))
  def get(flag), do: Map.get(all(), flag)
  def all, do: Application.get_env(:my_app, :flags, %{})
end
