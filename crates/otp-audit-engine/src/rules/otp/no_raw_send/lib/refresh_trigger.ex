defmodule MyApp.Catalog.RefreshTrigger do
  @moduledoc """
  Asks the catalog loaders to reload their data, waiting for them or not.
  """

  def refresh(loaders, opts \\ []) do
    wait? = Keyword.get(opts, :wait, false)
    Enum.each(loaders, &trigger(&1, wait?))
  end

  # The same request, sent without waiting when the caller asked not to wait: the
  # loader answers it as a call in the sibling clause.
  defp trigger(loader, true), do: GenServer.call(loader, {:reload, self()}, 60_000)
  defp trigger(loader, _), do: send(loader, {:reload, self()})

  # A different message than the one the sibling call makes: still reported.
  def ping(loader, true), do: GenServer.call(loader, :ping, 1_000)
  def ping(loader, _), do: send(loader, {:ping, self()}) #~ otp/no-raw-send
end

defmodule MyApp.Wire.Channel do
  @moduledoc """
  The channel side of a multiplexed connection: every frame goes to the connection
  process, as a call when the channel needs an answer and as a plain message when
  it does not; the connection handles both envelopes.
  """
  defstruct [:conn_pid, :channel_id]

  def open(%__MODULE__{} = ch, headers), do: call(ch, {:open, headers}, 15_000)
  def window_update(%__MODULE__{} = ch, size), do: cast_frame(ch, {:window_update, size})
  def reset(%__MODULE__{} = ch, code), do: cast_frame(ch, {:reset, code})

  # The non-blocking twin of call/3, with the same envelope: silent.
  defp cast_frame(ch, frame), do: send(ch.conn_pid, {frame, ch.channel_id})
  defp call(ch, frame, timeout), do: GenServer.call(ch.conn_pid, {frame, ch.channel_id}, timeout)

  # A public function with another envelope than the call's: still reported.
  def ping(ch), do: send(ch.conn_pid, {:ping, ch.channel_id}) #~ otp/no-raw-send
end
