defmodule MyApp.FeatureFlags do
  @moduledoc "Library code: test/async-global-state only looks at tests."

  def zone, do: System.get_env("MY_APP_ZONE")

  def enable(flag), do: Application.put_env(:my_app, flag, true)
  def enabled?(flag, opts \\ []) do
    :telemetry.execute([:my_app, :flag, :read], %{count: 1}, %{flag: flag})
    Keyword.get_lazy(opts, flag, fn -> Application.get_env(:my_app, flag, false) end)
  end
end
