defmodule Courier.ManifestPrinter do
  @moduledoc """
  Collects manifest lines as an I/O device, so `IO.write/2` can target it, and
  prints the finished manifest through the group leader.
  """
  use GenServer

  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def contents(device), do: GenServer.call(device, :contents, 5_000)

  def start_batch(device, count), do: GenServer.call(device, {:start_batch, count}, 5_000)

  @impl true
  def init(_opts), do: {:ok, %{lines: [], batch: nil}}

  @impl true
  def handle_call(:contents, _from, state) do
    {:reply, state.lines |> Enum.reverse() |> IO.iodata_to_binary(), state}
  end

  def handle_call({:start_batch, count}, {client, _tag}, state) do
    if count > 500, do: send(client, {:large_batch, count}) #~ otp/no-raw-send
    {:reply, :ok, %{state | batch: count}}
  end

  @impl true
  def handle_info({:io_request, from, reply_as, {:put_chars, _encoding, chars}}, state) do
    send(from, {:io_reply, reply_as, :ok})
    {:noreply, %{state | lines: [chars | state.lines]}}
  end

  def handle_info({:io_request, _from, _reply_as, _request} = request, state) do
    send(Process.group_leader(), request)
    {:noreply, state}
  end

  def handle_info({:print_to, printer}, state) do
    send(printer, {:manifest, Enum.reverse(state.lines)}) #~ otp/no-raw-send
    {:noreply, %{state | lines: []}}
  end

  def handle_info(msg, state) do
    Logger.debug("manifest printer ignored #{inspect(msg)}")
    {:noreply, state}
  end
end
