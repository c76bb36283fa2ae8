defmodule Shop.TestOrders do
  @moduledoc """
  Merchants place test orders here for testing their checkout before launch: a
  product feature, whatever its name says.
  """

  def begin_session(merchant_id) do
    {:ok, pid} = Agent.start_link(fn -> %{merchant: merchant_id, orders: []} end) #~ otp/unsupervised-start
    pid
  end
end
