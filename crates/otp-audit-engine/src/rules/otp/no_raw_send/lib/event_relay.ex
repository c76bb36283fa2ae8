defmodule MyApp.EventRelay do
  @moduledoc """
  Passes events on to the processes that subscribed for them. The relay does not
  write the messages it forwards; it only decides who gets them.
  """

  def dispatch(entries, from, message) do
    Enum.each(entries, fn
      {pid, _meta} when pid == from -> :ok
      {pid, _meta} -> send(pid, message)
    end)
  end

  def forward(%{owner: owner}, %{event: _} = event), do: send(owner, event)

  def stamp_and_forward(owner, event) do
    send(owner, {:relayed, System.monotonic_time(), event}) #~ otp/no-raw-send
  end

  def ack_each(events) do
    Enum.each(events, fn
      {:sync, manager, ref, _event} -> send(manager, {ref, :ok})
      {:async, _manager, _ref, _event} -> :ok
    end)
  end

  def ack_late(manager, events) do
    Enum.each(events, fn {_mode, ref, _event} -> send(manager, {ref, :ok}) end) #~ otp/no-raw-send
  end
end
