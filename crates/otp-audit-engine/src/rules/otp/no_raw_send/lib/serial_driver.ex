defmodule Shop.SerialDriver do
  @moduledoc "Talks to the till's receipt printer through a C port program."
  use GenServer

  defmodule State do
    @moduledoc false
    defstruct port: nil, listener: nil
  end

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def print(lines), do: GenServer.call(__MODULE__, {:print, lines}, 10_000)

  @impl true
  def init(opts) do
    executable = Keyword.fetch!(opts, :executable)
    port = Port.open({:spawn_executable, executable}, [:binary, {:packet, 2}, :exit_status])
    {:ok, %State{port: port, listener: opts[:listener]}}
  end

  @impl true
  def handle_call({:print, lines}, _from, state) do
    {:reply, call_port(state, :print, lines), state}
  end

  @impl true
  def handle_info({port, {:exit_status, status}}, %State{port: port} = state) do
    # Not a port request: a notice to another process, in a format it must know.
    send(state.listener, {:printer_down, status}) #~ otp/no-raw-send
    {:stop, {:port_exited, status}, state}
  end

  @impl true
  def terminate(_reason, state) do
    send(state.port, {self(), :close})
  end

  def handover(state, new_owner) do
    send(state.port, {self(), {:connect, new_owner}})
  end

  # The C side takes one request at a time and answers each.
  defp call_port(state, command, args) do
    send(state.port, {self(), {:command, :erlang.term_to_binary({command, args})}})

    receive do
      {_port, {:data, response}} -> :erlang.binary_to_term(response)
    after
      4_000 -> exit(:port_timed_out)
    end
  end
end
