defmodule MyApp.FdPipe.Server do
  @moduledoc "Owns the file descriptors of one external command."
  use GenServer

  alias MyApp.FdPipe.Native

  def start_link(cmd), do: GenServer.start_link(__MODULE__, cmd)

  # The handler closes a descriptor through the NIF: nothing it does waits on a process.
  def close_input(server), do: GenServer.call(server, :close_input, :infinity) #~ otp/infinity-timeout

  # The same, for a signal to the OS process.
  def kill(server, signal), do: GenServer.call(server, {:kill, signal}, :infinity) #~ otp/infinity-timeout

  # The handler reads from a registry server, which may never answer.
  def describe(server), do: GenServer.call(server, :describe, :infinity) #~ otp/infinity-timeout

  @impl true
  def init(cmd) do
    port = Port.open({:spawn, cmd}, [:binary, :exit_status])
    {:ok, %{port: port, stdin_fd: 0, os_pid: nil}}
  end

  @impl true
  def handle_call(:close_input, _from, state) do
    {:reply, Native.close_fd(state.stdin_fd), state}
  end

  def handle_call({:kill, signal}, _from, state) do
    {:reply, Native.signal_os_pid(state.os_pid, signal), state}
  end

  def handle_call(:describe, _from, state) do
    {:reply, GenServer.call(MyApp.CommandRegistry, {:describe, state.os_pid}), state}
  end
end
