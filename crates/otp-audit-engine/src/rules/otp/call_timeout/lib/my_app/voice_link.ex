defmodule MyApp.VoiceLink do
  @moduledoc "One voice connection; it tells its channel where it is once the socket is up."
  use GenServer

  def start_link(channel), do: GenServer.start_link(__MODULE__, channel)

  def ssrc_map(pid), do: GenServer.call(pid, :ssrc_map) #~ otp/call-timeout

  @impl true
  def init(channel), do: {:ok, nil, {:continue, channel}}

  @impl true
  def handle_continue(channel, nil) do
    {:ok, conn} = :gun.open(String.to_charlist(channel.host), 443)
    {:ok, :http} = :gun.await_up(conn, 10_000)
    state = %{channel: channel, conn: conn, ssrc_map: %{}}
    MyApp.Channels.update_async(channel, link_pid: self())
    {:noreply, state}
  end

  @impl true
  def handle_call(:ssrc_map, _from, state), do: {:reply, state.ssrc_map, state}
end

defmodule MyApp.NamedVoiceLink do
  @moduledoc "The same, registered under a name: callers can reach it while it starts."
  use GenServer

  def start_link(channel), do: GenServer.start_link(__MODULE__, channel, name: __MODULE__)

  def ssrc_map, do: GenServer.call(__MODULE__, :ssrc_map) #~ otp/call-timeout

  @impl true
  def init(channel), do: {:ok, nil, {:continue, channel}}

  @impl true
  def handle_continue(channel, nil) do
    {:ok, conn} = :gun.open(String.to_charlist(channel.host), 443)
    {:ok, :http} = :gun.await_up(conn, 10_000)
    state = %{channel: channel, conn: conn, ssrc_map: %{}}
    MyApp.Channels.update_async(channel, link_pid: self())
    {:noreply, state}
  end

  @impl true
  def handle_call(:ssrc_map, _from, state), do: {:reply, state.ssrc_map, state}
end
