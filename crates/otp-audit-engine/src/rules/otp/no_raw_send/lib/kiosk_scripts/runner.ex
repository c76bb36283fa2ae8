defmodule MyApp.KioskScripts.Runner do
  @moduledoc "Runs a script on whichever kiosk connection process serves the kiosk."
  use GenServer

  def run(kiosk_id, text) do
    {:ok, pid} = DynamicSupervisor.start_child(MyApp.ScriptSupervisor, {__MODULE__, kiosk_id})
    GenServer.call(pid, {:run, text}, 20_000)
  end

  def start_link(kiosk_id), do: GenServer.start_link(__MODULE__, kiosk_id)

  @impl true
  def init(kiosk_id), do: {:ok, %{topic: "kiosk:#{kiosk_id}", from: nil}}

  @impl true
  def handle_call({:run, text}, from, state) do
    Phoenix.PubSub.broadcast_from!(MyApp.PubSub, self(), state.topic, {:run_script, self(), text})
    {:noreply, %{state | from: from}}
  end

  @impl true
  def handle_info({:output, output}, state) do
    GenServer.reply(state.from, {:ok, output})
    {:stop, :normal, state}
  end

  def handle_info({:error, :unsupported}, state) do
    GenServer.reply(state.from, {:error, :unsupported})
    {:stop, :normal, state}
  end

  def handle_info(_other, state), do: {:noreply, state}
end
