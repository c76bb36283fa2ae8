defmodule Shop.LogSink do
  @moduledoc """
  Owns a device that must accept any message and drop it: a sink linked to the
  server, which traps exits and takes every other message in its catch-all.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    Process.flag(:trap_exit, true)
    {:ok, %{sink: spawn_link(&drop_all/0), other: spawn_link(fn -> drop_all() end)}}
  end

  def sink, do: GenServer.call(__MODULE__, :sink)

  @impl true
  def handle_call(:sink, _from, state), do: {:reply, state.sink, state}

  @impl true
  def handle_info(_message, state), do: {:noreply, state}

  @impl true
  def terminate(_reason, _state), do: :ok

  # An unlinked sink has nothing that ends it.
  def detached_sink, do: spawn(&drop_all/0) #~ otp/no-raw-spawn

  # A loop that does work on each message can crash: reported.
  def counting_sink, do: spawn_link(fn -> count(0) end) #~ otp/no-raw-spawn

  defp drop_all do
    receive do
      _ -> drop_all()
    end
  end

  defp count(n) do
    receive do
      {:get, from} -> send(from, n) && count(n)
      _ -> count(n + 1)
    end
  end
end
