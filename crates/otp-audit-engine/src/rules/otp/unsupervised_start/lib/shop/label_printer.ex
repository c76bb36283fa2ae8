defmodule Shop.LabelPrinter do
  @moduledoc "Prints shipping labels; one spooler per print job, tracked by a monitor."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, %{spoolers: %{}, archivers: []}}

  @impl true
  def handle_call({:print, label}, _from, state) do
    {:ok, pid} = start_spooler()
    :ok = Shop.Spooler.print(pid, label)
    {:reply, {:ok, pid}, track(state, pid)}
  end

  def handle_call(:archive, _from, state) do
    # Kept in a list that nothing watches: a crash takes the printer down with it.
    {:ok, pid} = Shop.Archiver.start_link([]) #~ otp/unsupervised-start
    {:reply, :ok, %{state | archivers: [pid | state.archivers]}}
  end

  @impl true
  def handle_info({:DOWN, ref, :process, _pid, _reason}, state) do
    {:noreply, %{state | spoolers: Map.delete(state.spoolers, ref)}}
  end

  def handle_info(_other, state), do: {:noreply, state}

  defp start_spooler, do: Shop.Spooler.start_link()

  defp track(state, pid), do: put_in(state.spoolers[Process.monitor(pid)], pid)
end
