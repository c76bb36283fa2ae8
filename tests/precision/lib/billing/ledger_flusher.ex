defmodule Billing.LedgerFlusher do
  @moduledoc """
  Flushes buffered ledger entries when the application shuts down. It answers no
  messages: it exists so that `terminate/2` runs on shutdown.
  """

  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, %{buffer: Keyword.fetch!(opts, :buffer)}}
  end

  @impl true
  def terminate(_reason, %{buffer: buffer}) do
    Billing.LedgerBuffer.flush(buffer)
  end
end
