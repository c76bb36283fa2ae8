defmodule Shop.TraceServer do
  @moduledoc "A server that can trace itself when debugging is configured."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    # `:sys.trace` on itself would deadlock here: a one-shot task switches it on.
    if Keyword.get(opts, :debug, false) do
      Task.start(fn -> :sys.trace(__MODULE__, true) end)
    end

    # Real work in an unlinked task: still reported.
    Task.start(fn -> Shop.Prices.preload() end) #~ otp/unsupervised-start
    {:ok, %{}}
  end

  @impl true
  def handle_call(:ping, _from, state), do: {:reply, :pong, state}
end
