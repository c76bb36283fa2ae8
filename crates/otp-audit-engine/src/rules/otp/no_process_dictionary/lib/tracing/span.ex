defmodule Tracing.Span do
  @moduledoc "The current span of the calling process, for the handlers that add children."

  # The decision to keep the span in the dictionary is made here, and reported here.
  def enter(span) do
    previous = Process.get(:tracing_current_span)
    Process.put(:tracing_current_span, span) #~ otp/no-process-dictionary
    previous
  end

  def leave(previous), do: Process.put(:tracing_current_span, previous)
end
