defmodule MyApp.PortConnector do
  @moduledoc """
  Starts an external tunnel for one connection attempt and reports back to the
  caller. It has no client API: nobody calls or casts to it, so the bounded wait
  for the tunnel only delays its own setup.
  """
  use GenServer, restart: :temporary

  def start_link({exe, caller}), do: GenServer.start_link(__MODULE__, {exe, caller})

  @impl true
  def init({exe, caller}), do: {:ok, %{port: nil}, {:continue, {:connect, exe, caller}}}

  @impl true
  def handle_continue({:connect, exe, caller}, state) do
    case open_tunnel(exe) do #~ otp/blocking-in-callback
      {:ok, port} ->
        send(caller, {:tunnel_ready, self()})
        {:noreply, %{state | port: port}}

      {:error, reason} ->
        send(caller, {:tunnel_failed, self(), reason})
        {:stop, :shutdown, state}
    end
  end

  @impl true
  def handle_info({port, {:exit_status, _}}, state) when port == state.port do
    {:stop, :shutdown, state}
  end

  defp open_tunnel(exe) do
    port = Port.open({:spawn_executable, exe}, [:binary, :exit_status])

    receive do
      {^port, {:data, "listening" <> _}} -> {:ok, port}
    after
      20_000 -> {:error, :timeout}
    end
  end
end

defmodule MyApp.PortConnector.WithApi do
  @moduledoc "Control: this one answers calls, so its callers wait behind the setup."
  use GenServer

  def status(pid), do: GenServer.call(pid, :status, 5_000)

  @impl true
  def init(exe), do: {:ok, %{port: nil}, {:continue, {:connect, exe}}}

  @impl true
  def handle_continue({:connect, exe}, state) do
    port = Port.open({:spawn_executable, exe}, [:binary])

    receive do #~ otp/blocking-in-callback
      {^port, {:data, "listening" <> _}} -> {:noreply, %{state | port: port}}
    after
      20_000 -> {:stop, :shutdown, state}
    end
  end

  @impl true
  def handle_call(:status, _from, state), do: {:reply, state.port != nil, state}
end
