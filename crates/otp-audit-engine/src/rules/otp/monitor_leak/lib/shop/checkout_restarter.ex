defmodule Shop.CheckoutRestarter do
  @moduledoc "Restarts a checkout session once its connection process is gone."

  def restart_when_closed(conn_pid, session_id) do
    spawn(fn ->
      Process.monitor(conn_pid)
      cart = Shop.Carts.fetch(session_id)

      receive do
        _ -> Shop.Checkout.resume(session_id, cart)
      end
    end)
  end

  def resume_on_go(conn_pid, session_id) do
    spawn(fn ->
      Process.monitor(conn_pid) #~ otp/monitor-leak

      receive do
        :go -> Shop.Checkout.resume(session_id, nil)
      end
    end)
  end
end
