defmodule MyApp.TlsFramer do
  @moduledoc "Unwraps TLS records that arrive inside a database protocol's packets."
  use GenServer

  def start_link(socket), do: GenServer.start_link(__MODULE__, socket)

  @impl true
  def init(socket), do: {:ok, %{socket: socket, owner: nil, handshake?: true}}

  @impl true
  def handle_call({:setopts, opts}, {owner, _}, state) do
    {:reply, :inet.setopts(state.socket, opts), %{state | owner: owner}}
  end

  @impl true
  def handle_info({:tcp, _, data}, %{handshake?: true} = state) do
    send(state.owner, {:tcp, state.socket, unwrap(data)})
    {:noreply, state}
  end

  def handle_info({:tcp, _, _} = msg, %{handshake?: false} = state) do
    send(state.owner, msg)
    {:noreply, state}
  end

  def handle_info({:tcp_passive, _} = msg, state) do
    send(state.owner, msg)
    {:noreply, state}
  end

  def handle_info({tag, _} = msg, state) when tag in [:tcp_closed, :ssl_closed] do
    send(state.owner, msg)
    {:stop, :normal, state}
  end

  def handle_info({tag, _, _} = msg, state) when tag in [:tcp_error, :ssl_error] do #~ otp/handle-info-catch-all
    send(state.owner, msg)
    {:stop, :normal, state}
  end

  defp unwrap(<<_header::binary-size(8), record::binary>>), do: record
end

defmodule MyApp.PlainFramer do
  @moduledoc "Forwards a socket's packets to the connection that owns it."
  use GenServer

  def start_link(socket), do: GenServer.start_link(__MODULE__, socket)

  @impl true
  def init(socket), do: {:ok, %{socket: socket, owner: nil}}

  @impl true
  def handle_call({:setopts, opts}, {owner, _}, state) do
    {:reply, :inet.setopts(state.socket, opts), %{state | owner: owner}}
  end

  @impl true
  def handle_info({:tcp, _, _} = msg, state) do
    send(state.owner, msg)
    {:noreply, state}
  end

  def handle_info({:tcp_closed, _} = msg, state) do #~ otp/handle-info-catch-all
    send(state.owner, msg)
    {:stop, :normal, state}
  end
end
