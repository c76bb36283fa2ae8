defmodule Shop.AsyncRequest do
  @moduledoc """
  Sends a request to the pricing server without waiting: the caller gets the monitor
  reference back and takes the reply or the `:DOWN` itself.
  """

  def send_request(request) do
    case Process.whereis(Shop.Pricing) do
      nil ->
        {:error, :noproc}

      pid ->
        ref = Process.monitor(pid)
        send(pid, {:price, {self(), ref}, request}) #~ otp/no-raw-send
        {:ok, ref}
    end
  end

  # The reference stays here: nothing takes the :DOWN.
  def ping do
    case Process.whereis(Shop.Pricing) do
      nil ->
        :noproc

      pid ->
        ref = Process.monitor(pid) #~ otp/monitor-leak
        send(pid, {:ping, ref}) #~ otp/no-raw-send
        :sent
    end
  end
end
