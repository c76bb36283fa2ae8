defmodule MyApp.Audio.MixerStage do
  @moduledoc """
  A stage of a media graph. The graph framework calls `handle_info/3` (message,
  callback context, state), not GenServer's `handle_info/2`; the client functions
  below send the messages this module's own `handle_info/3` receives.
  """

  def set_gain(stage, gain) when is_number(gain) do
    send(stage, {:set_gain, gain})
    :ok
  end

  def mute(stage) do
    send(stage, {:mute, true})
    :ok
  end

  @doc "Asks the stage to tell the caller when the level passes `threshold`."
  defmacro watch_level(stage, threshold) do
    quote do
      send(unquote(stage), {:watch_level, self(), unquote(threshold)})
    end
  end

  def report_level(stage, meter) do
    # The meter's format, not this module's: reported.
    send(meter, {:level, stage, 0.0}) #~ otp/no-raw-send
    :ok
  end

  def handle_info({:set_gain, gain}, _ctx, state), do: {[], %{state | gain: gain}}
  def handle_info({:mute, muted?}, _ctx, state), do: {[], %{state | muted: muted?}}
  def handle_info({:watch_level, pid, db}, _ctx, state), do: {[], %{state | watcher: {pid, db}}}
  def handle_info(_other, _ctx, state), do: {[], state}
end
