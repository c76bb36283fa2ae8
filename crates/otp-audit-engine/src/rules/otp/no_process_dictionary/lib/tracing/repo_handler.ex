defmodule Tracing.RepoHandler do
  @moduledoc "Turns each query's telemetry event into a child of the caller's span."

  def attach do
    :telemetry.attach("tracing-repo", [:my_app, :repo, :query], &__MODULE__.handle_event/4, nil)
  end

  # Reads the key that `Tracing.Span` keeps: in a whole-project check, one decision,
  # reported where the key is written.
  def handle_event(_event, measurements, metadata, _config) do
    parent = Process.get(:tracing_current_span) || :root
    Tracing.Reporter.child(parent, metadata.query, measurements.total_time)
  end

  # Near miss: a key no file of the project writes is still an implicit input.
  def sampled? do
    Process.get(:tracing_sampled) #~ otp/no-process-dictionary
  end
end
