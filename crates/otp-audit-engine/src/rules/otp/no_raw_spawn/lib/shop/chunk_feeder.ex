defmodule Shop.ChunkFeeder do
  @moduledoc "Serves a large export in chunks that a linked producer streams to it."
  use GenServer

  def start_link(rows), do: GenServer.start_link(__MODULE__, rows)

  def next(pid), do: GenServer.call(pid, :next, 5_000)

  @impl true
  def init(rows), do: {:ok, %{rows: rows, chunks: :queue.new()}}

  @impl true
  def handle_call(:next, _from, state) do
    {chunk, state} = next_chunk(state)
    {:reply, chunk, state}
  end

  @impl true
  def handle_info({:chunk, chunk}, state) do
    {:noreply, %{state | chunks: :queue.in(chunk, state.chunks)}}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  defp next_chunk(%{rows: []} = state) do
    case :queue.out(state.chunks) do
      {{:value, chunk}, chunks} -> {chunk, %{state | chunks: chunks}}
      {:empty, _} -> {:done, state}
    end
  end

  defp next_chunk(%{rows: rows} = state) do
    parent = self()

    # Linked to this server: it streams every chunk back and dies with the server.
    spawn_link(fn -> #~ otp/no-raw-spawn
      rows
      |> Stream.chunk_every(100)
      |> Enum.each(fn chunk -> send(parent, {:chunk, chunk}) end)
    end)

    receive do
      {:chunk, chunk} -> {chunk, %{state | rows: []}}
    end
  end
end
