defmodule MyApp.RetryCounter do
  @moduledoc """
  Counts the attempts of one outbound call from telemetry events. It starts no
  process: it keeps one key in the calling process's dictionary for the duration of
  a call, set on `:start` and deleted on `:stop`.
  """

  def handle_event([:my_app, :call, :start], _measurements, %{service: service}, _config) do
    Process.put({__MODULE__, service}, true) #~ otp/no-process-dictionary
  end

  def handle_event([:my_app, :call, :stop], _measurements, %{service: service}, _config) do
    Process.delete({__MODULE__, service})
  end
end

defmodule MyApp.RetryCounter.Undocumented do
  @moduledoc "Counts attempts of outbound calls; says nothing of where it keeps them."

  def handle_event([:my_app, :call, :start], _measurements, %{service: service}, _config) do
    Process.put({__MODULE__, service}, true) #~ otp/no-process-dictionary
  end
end
