defmodule MyApp.HostPool do
  @moduledoc "A gen_statem over the cluster's hosts: answers reads from its data."
  @behaviour :gen_statem

  # Answered from the machine's data at once: info.
  def connected_hosts(pool), do: :gen_statem.call(pool, :connected_hosts) #~ otp/call-timeout

  # The machine connects before it answers: still a warning.
  def checkout(pool), do: :gen_statem.call(pool, :checkout) #~ otp/call-timeout

  # A function kept in the data runs before the reply: it may do anything, a warning.
  def refresh(pool), do: GenServer.call(pool, :refresh) #~ otp/call-timeout

  @impl true
  def callback_mode, do: :handle_event_function

  @impl true
  def init(opts), do: {:ok, :ready, %{peers: %{}, loader: opts[:loader]}}

  @impl true
  def handle_event({:call, from}, :connected_hosts, _state, data) do
    hosts =
      for %{status: :connected, pid: pid, host: host} <- Map.values(data.peers), is_pid(pid) do
        host
      end

    {:keep_state_and_data, {:reply, from, hosts}}
  end

  def handle_event({:call, from}, :checkout, _state, data) do
    {:ok, conn} = MyApp.Conn.connect(data.peers)
    {:keep_state_and_data, {:reply, from, conn}}
  end

  def handle_call(:refresh, _from, data) do
    peers = for {host, _} <- data.peers, into: %{}, do: {host, data.loader.(host)}
    {:reply, :ok, %{data | peers: peers}}
  end
end
