defmodule Shop.RestockFlow do
  @moduledoc "The public API of the restock pipeline: callers start it where they want it supervised."

  @doc "Starts the pipeline's coordinator; put it in your supervision tree or link it to a task."
  @spec start_pipeline(Enumerable.t(), keyword) :: GenServer.on_start()
  def start_pipeline(orders, opts \\ []) do
    Shop.RestockFlow.Coordinator.start_link(orders, :restock, opts)
  end

  # Same call, but nothing declares it a start function: a process started on the side.
  def refill(orders) do
    Shop.RestockFlow.Coordinator.start_link(orders, :refill, []) #~ otp/unsupervised-start
  end
end
