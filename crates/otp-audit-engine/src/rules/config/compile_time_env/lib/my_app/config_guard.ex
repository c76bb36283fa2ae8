defmodule MyApp.ConfigGuard do
  @moduledoc false
  use Application

  # Fails the build when only the old application is configured.
  if Application.get_all_env(:my_app) == [] and
       Application.get_all_env(:my_old_app) != [] do
    raise """
    :my_app isn't configured, but :my_old_app is: rename the config keys.
    """
  end

  unless Application.get_env(:my_app, :region) do
    IO.warn(":my_app has no :region configured; requests will go to the default one")
  end

  # Near miss: the branch keeps the value in the module.
  if Application.get_env(:my_app, :tracing) do #~ config/compile-time-env
    @tracer Application.get_env(:my_app, :tracer) #~ config/compile-time-env
  end

  @impl true
  def start(_type, _args) do
    Supervisor.start_link([], strategy: :one_for_one, name: MyApp.ConfigGuard.Supervisor)
  end
end
