defmodule MyApp.Instrumenter do
  @moduledoc "Library code: the app attaches its handlers once at boot; not a test."

  def setup do
    :telemetry.attach_many("my-app-logger", [[:my_app, :job, :stop]], &__MODULE__.handle_event/4, nil)
  end

  def handle_event(_event, _measurements, _metadata, _config), do: :ok
end
