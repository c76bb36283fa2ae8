defmodule MyApp.LabelPrinter do
  @moduledoc "Drives the label printer through its C port program."
  use GenServer

  def start_link(executable), do: GenServer.start_link(__MODULE__, executable, name: __MODULE__)

  def print(label), do: GenServer.cast(__MODULE__, {:print, label})

  @impl true
  def init(executable) do
    port = Port.open({:spawn_executable, executable}, [:binary, {:packet, 2}, :exit_status])
    {:ok, %{port: port, printed: 0}}
  end

  @impl true
  def handle_cast({:print, label}, state) do
    Port.command(state.port, :erlang.term_to_binary({:print, label}))
    {:noreply, state}
  end

  @impl true
  def handle_info({port, {:data, _ack}}, %{port: port} = state) do #~ otp/handle-info-catch-all
    {:noreply, %{state | printed: state.printed + 1}}
  end
end
