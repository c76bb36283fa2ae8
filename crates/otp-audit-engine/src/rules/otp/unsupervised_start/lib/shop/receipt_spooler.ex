defmodule Shop.ReceiptSpooler do
  @moduledoc "Spools receipts for the till that starts it; lives and dies with that till."
  use GenServer

  # Linked through spawn_opt rather than start_link: the till must not wait for a
  # crash in init/1 to reach it as an exit while it is still booting.
  def start_link!(till) do
    {:ok, pid} = GenServer.start(__MODULE__, till, spawn_opt: [:link, priority: :high])
    pid
  end

  # A printer started without the link is a process nothing owns.
  def print_copy(receipt) do
    {:ok, printer} = GenServer.start(Shop.Printer, receipt, spawn_opt: [priority: :high]) #~ otp/unsupervised-start
    GenServer.cast(printer, :print)
  end

  @impl true
  def init(till), do: {:ok, %{till: till, queue: :queue.new()}}

  @impl true
  def handle_cast({:spool, receipt}, state), do: {:noreply, %{state | queue: :queue.in(receipt, state.queue)}}
end
