defmodule MyApp.Notifier do
  @moduledoc "Pushes order events to interested processes."

  alias MyApp.Orders.Order

  def notify(pid, %Order{} = order) do
    send(pid, {:order_updated, order.id}) #~ otp/no-raw-send
  end

  def notify_no_parens(pid, order) do
    send pid, {:order_updated, order.id} #~ otp/no-raw-send
  end

  def notify_qualified(pid, order), do: Kernel.send(pid, {:order, order}) #~ otp/no-raw-send

  def notify_piped(pid, order) do
    pid
    |> send({:order, order}) #~ otp/no-raw-send
  end

  # One notice to each pid of a list: the subscriber loop, written as a capture.
  def notify_all(pids, event) do
    Enum.each(pids, &send(&1, {:event, event}))
  end

  def sender, do: &send/2 #~ otp/no-raw-send

  def notify_noconnect(pid, event) do
    Process.send(pid, {:event, event}, [:noconnect]) #~ otp/no-raw-send
  end

  def remind(pid, event) do
    Process.send_after(pid, {:remind, event}, 1_000) #~ otp/no-raw-send
  end

  def notify_dynamically(pid, event) do
    apply(Kernel, :send, [pid, {:event, event}]) #~ otp/no-raw-send
  end

  def broadcast(state, event) do
    for pid <- state.subscribers do
      send(pid, {:event, event})
    end
  end

  # Each name is looked up as the loop goes: the destination is per element.
  def reset_all(names) do
    for name <- names, pid = GenServer.whereis(name), is_pid(pid), do: send(pid, :reset)
  end

  # The lookup is not part of the loop: one destination, sent to again and again.
  def remind_owner(events, owner_name) do
    pid = GenServer.whereis(owner_name)
    for event <- events, do: send(pid, {:remind, event}) #~ otp/no-raw-send
  end

  def to_registered(event), do: send(MyApp.Audit, {:event, event}) #~ otp/no-raw-send
end
