# fixture: needs the project
defmodule MyApp.Relay.Listener do
  # Starts whatever handler module the listener was configured with and hands it
  # the socket; the handler's messages are the ones MyApp.Relay.Handler documents.

  def hand_off(sup, socket, config) do
    child = {config.handler_module, config.handler_opts}

    case DynamicSupervisor.start_child(sup, child) do
      {:ok, pid} ->
        :ok = :gen_tcp.controlling_process(socket, pid)
        send(pid, {:relay_ready, socket, config.listener_opts})
        :ok

      {:error, reason} ->
        :gen_tcp.close(socket)
        {:error, reason}
    end
  end

  def drain(handler, opts, deadline) do
    {:ok, pid} = handler.start_link(opts)
    send(pid, {:relay_drain, deadline})
    send(pid, {:relay_ping, deadline}) #~ otp/no-raw-send
    pid
  end

  def hand_off_echo(sup, socket, config) do
    # A module named right here has a client function to call instead.
    {:ok, pid} = DynamicSupervisor.start_child(sup, {MyApp.Relay.Echo, []})
    send(pid, {:relay_ready, socket, config.listener_opts}) #~ otp/no-raw-send
    pid
  end
end
