defmodule Stockroom.ShelfTest.Client do
  @moduledoc """
  The process behind `Stockroom.ShelfTest`, the test API this library ships for its
  users' suites: it plays a scanner against a shelf and reports what the shelf says.
  It only ever runs inside a test, which fails on ExUnit's timeout if a shelf hangs.
  """
  use GenServer

  @spec start_link(keyword) :: GenServer.on_start()
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @spec scan(pid, String.t()) :: {:ok, map} | {:error, term}
  def scan(client, sku), do: GenServer.call(client, {:scan, sku}, 5_000)

  @impl true
  def init(opts) do
    shelf = Keyword.fetch!(opts, :shelf)
    ref = make_ref()
    send(shelf, {:attach, self(), ref})

    # The shelf answers the handshake before the client can be used.
    receive do
      {:attached, ^ref, layout} -> {:ok, %{shelf: shelf, layout: layout, owner: opts[:owner]}}
    end
  end

  @impl true
  def handle_call({:scan, sku}, _from, state) do
    # A shelf that crashes mid-scan must fail the scan, not the test process.
    Process.flag(:trap_exit, true)
    send(state.shelf, {:scan, self(), sku})

    receive do
      {:scanned, ^sku, item} -> {:reply, {:ok, item}, state}
      {:EXIT, _pid, reason} -> {:reply, {:error, reason}, state}
    after
      2_000 -> {:reply, {:error, :timeout}, state}
    end
  end

  @impl true
  def handle_info(message, state) do
    send(state.owner, {:shelf_client, message})
    {:noreply, state}
  end
end
