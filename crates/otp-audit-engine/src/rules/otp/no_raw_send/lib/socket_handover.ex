defmodule MyApp.SocketHandover do
  @moduledoc "Hands a TLS socket to a new owner with the messages the old one holds."

  def controlling_process(socket, pid) do
    with :ok <- :ssl.setopts(socket, active: false),
         :ok <- forward_messages(socket, pid) do
      :ssl.controlling_process(socket, pid)
    end
  end

  # Each message the socket sent here goes on, unchanged, to the new owner.
  defp forward_messages(socket, pid) do
    receive do
      {:ssl, ^socket, _data} = message ->
        send(pid, message)
        forward_messages(socket, pid)

      {:ssl_closed, ^socket} = message ->
        send(pid, message)
    after
      0 -> :ok
    end
  end

  # A message of our own making is still raw.
  def announce(socket, pid) do
    receive do
      {:ssl, ^socket, data} ->
        send(pid, {:handover_data, data}) #~ otp/no-raw-send
    after
      0 -> :ok
    end
  end
end
