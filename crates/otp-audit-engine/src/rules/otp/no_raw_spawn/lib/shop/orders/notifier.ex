defmodule Shop.Orders.Notifier do
  @moduledoc "Sends order e-mails without blocking the checkout."

  require Logger
  alias Shop.Mailer

  def order_placed(order) do
    spawn(fn -> Mailer.deliver(:order_placed, order.id) end) #~ otp/no-raw-spawn
    :ok
  end

  def order_shipped(order) do
    pid = spawn_link(fn -> Mailer.deliver(:order_shipped, order.id) end) #~ otp/no-raw-spawn
    Logger.debug("mailer started: #{inspect(pid)}")
    :ok
  end

  def order_cancelled(order) do
    Kernel.spawn(Mailer, :deliver, [:order_cancelled, order.id]) #~ otp/no-raw-spawn
    :ok
  end

  def order_refunded(order) do
    spawn fn -> #~ otp/no-raw-spawn
      Mailer.deliver(:order_refunded, order.id)
    end

    :ok
  end

  def watch(order) do
    {pid, ref} = spawn_monitor(fn -> Mailer.deliver(:watch, order.id) end) #~ otp/no-raw-spawn
    {pid, ref}
  end

  def deliver_all(orders) do
    Enum.each(orders, fn order ->
      fn -> Mailer.deliver(:digest, order.id) end
      |> spawn() #~ otp/no-raw-spawn
    end)
  end

  def spawner, do: &spawn/1 #~ otp/no-raw-spawn

  def retry(order) do
    apply(Kernel, :spawn, [fn -> Mailer.deliver(:retry, order.id) end]) #~ otp/no-raw-spawn
  end

  def last(order), do: spawn(fn -> Mailer.deliver(:last, order.id) end) #~ otp/no-raw-spawn
end
