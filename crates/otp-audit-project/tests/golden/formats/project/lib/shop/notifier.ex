defmodule Shop.Notifier do
  @moduledoc "Fans out order events to subscribers."

  def broadcast(subscribers, event) do
    for pid <- subscribers do
      send(pid, {:event, event})
    end
  end

  def deliver_later(order) do
    spawn(fn ->
      Shop.Mailer.deliver(order)
    end)
    :ok
  end

  def kind(params), do: String.to_atom(params["kind"])

  def warm_up do
    Task.async(fn -> Shop.Prices.preload() end)
    :ok
  end
end
