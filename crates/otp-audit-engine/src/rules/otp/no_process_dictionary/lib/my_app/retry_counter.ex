defmodule MyApp.RetryCounter do
  @moduledoc """
  Marks the outbound call in progress. It starts no process: it keeps one key in
  the calling process's dictionary, which `mark/1` sets and `done/1` clears.
  """

  def mark(service), do: Process.put({__MODULE__, service}, true) #~ otp/no-process-dictionary
  def done(service), do: Process.delete({__MODULE__, service})
end

defmodule MyApp.RetryCounter.Undocumented do
  @moduledoc "Marks outbound calls; says nothing of where it keeps the mark."

  def mark(service), do: Process.put({__MODULE__, service}, true) #~ otp/no-process-dictionary
end

defmodule MyApp.RetryCounter.SpanMarker do
  @moduledoc "Telemetry handlers: the retry event marks the call, the span's end clears it."

  def handle_event([:my_app, :call, :retry], _measurements, %{service: service}, _config) do
    Process.put({__MODULE__, service}, true)
  end

  def handle_event([:my_app, :call, event], _measurements, %{service: service}, _config)
      when event in [:stop, :exception] do
    Process.delete({__MODULE__, service})
  end
end

defmodule MyApp.RetryCounter.LeakyMarker do
  @moduledoc "A near miss: only the `:start` clause clears the key, so a mark outlives its call."

  def handle_event([:my_app, :call, :retry], _measurements, %{service: service}, _config) do
    Process.put({__MODULE__, service}, true) #~ otp/no-process-dictionary
  end

  def handle_event([:my_app, :call, :start], _measurements, %{service: service}, _config) do
    Process.delete({__MODULE__, service})
  end
end
