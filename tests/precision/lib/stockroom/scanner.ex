defmodule Stockroom.Scanner do
  @moduledoc "A barcode scanner session; `start/1` is the unlinked twin of `start_link/1`."
  use GenServer

  @call_timeout 1_000

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def start(opts), do: GenServer.start(__MODULE__, opts)

  def last_code(scanner), do: GenServer.call(scanner, :last_code, @call_timeout)

  @impl true
  def init(opts), do: {:ok, %{device: Keyword.fetch!(opts, :device), last: nil}}

  @impl true
  def handle_call(:last_code, _from, state), do: {:reply, state.last, state}
end
