defmodule Shop.Inventory do
  @moduledoc "Stock levels; slow lookups are answered from a task."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def reserve(sku, qty), do: GenServer.call(__MODULE__, {:reserve, sku, qty}, 5_000)

  @impl true
  def init(opts), do: {:ok, %{stock: Keyword.get(opts, :stock, %{})}}

  @impl true
  def handle_call({:reserve, sku, qty}, from, state) do
    case Map.get(state.stock, sku, 0) do
      have when have >= qty ->
        send(elem(from, 0), {:ok, qty}) #~ otp/reply-via-send
        {:noreply, put_in(state.stock[sku], have - qty)}

      _ ->
        {:reply, {:error, :out_of_stock}, state}
    end
  end

  def handle_call({:count, sku}, {pid, _tag}, state) do
    send(pid, {:count, Map.get(state.stock, sku, 0)}) #~ otp/reply-via-send
    {:noreply, state}
  end

  def handle_call({:lookup, sku}, caller, state) do
    {pid, _} = caller

    Task.start(fn ->
      result = Shop.Catalog.fetch(sku)
      Kernel.send(pid, {:lookup, result}) #~ otp/reply-via-send
    end)

    {:noreply, state}
  end

  def handle_call(:snapshot, from, state) do
    from
    |> elem(0)
    |> send(state.stock) #~ otp/reply-via-send

    {:noreply, state}
  end

  def handle_call(:ping, from, state) do
    owner = elem(from, 0)
    :erlang.send(owner, :pong) #~ otp/reply-via-send
    {:noreply, state}
  end

  def handle_call(:later, {pid, _} = from, state) do
    Process.send_after(pid, {:later, from}, 100) #~ otp/reply-via-send
    {:noreply, state}
  end

  def handle_call(:tagged, from, state) do
    {pid, ref} = from
    send(pid, {ref, :done}) #~ otp/reply-via-send
    {:noreply, state}
  end

  def handle_call({:release, sku}, {pid, _} = from, state) do
    Shop.Audit.log(:release, sku, from)
    send(pid, :released) #~ otp/reply-via-send
    {:noreply, state}
  end

  def handle_call(:noconnect, from, state) do
    Process.send(elem(from, 0), :hello, [:noconnect]) #~ otp/reply-via-send
    {:noreply, state}
  end
end
