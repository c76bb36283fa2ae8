defmodule Tracing.HttpHandler do
  @moduledoc "Traces outgoing HTTP requests unless a decorated function already does."

  def attach do
    :telemetry.attach_many("tracing-http", [[:finch, :request, :start], [:finch, :request, :stop]], &__MODULE__.handle_event/4, nil)
  end

  def handle_event([:finch, :request, :start], _measurements, meta, _config) do
    if trace?(), do: Tracing.Reporter.start(meta.request)
  end

  def handle_event([:finch, :request, :stop], measurements, meta, _config) do
    if trace?(), do: Tracing.Reporter.stop(meta.request, measurements.duration)
  end

  # Only the handlers call it: the flag comes from the decorator's quote.
  defp trace?, do: Process.get(:tracing_external) != true

  # Near miss: an ordinary public function could be given the flag.
  def traced_here?, do: Process.get(:tracing_external) == true #~ otp/no-process-dictionary
end
