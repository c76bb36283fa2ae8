defmodule Console.TerminalSession do
  @moduledoc """
  A remote shell session streamed to a browser. The channel that opens the
  session passes its own pid as `channel_pid:`; the session forwards output to it.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    channel_pid = Keyword.get(opts, :channel_pid)
    Process.link(channel_pid)

    state =
      %{buffer: <<>>, host: Keyword.fetch!(opts, :host)}
      |> Map.put(:channel_pid, channel_pid)
      |> Map.put(:auditor, Keyword.get(opts, :auditor))

    {:ok, state}
  end

  @impl true
  def handle_info({:tcp, _port, data}, state) do
    send(state.channel_pid, {:output, data})
    send(state.auditor, {:output_seen, byte_size(data)}) #~ otp/no-raw-send
    {:noreply, %{state | buffer: state.buffer <> data}}
  end

  def handle_info({:tcp_closed, _port}, state) do
    send(state.channel_pid, {:closed})
    {:stop, :normal, state}
  end

  def handle_info(_message, state), do: {:noreply, state}
end
