defmodule MyApp.FaultInjectionTest do
  use ExUnit.Case, async: true

  alias MyApp.{Broker, Router}

  setup do
    %{broker: start_supervised!(Broker), router: start_supervised!(Router)}
  end

  test "a dropped socket is noticed", %{broker: broker} do
    ref = Process.monitor(broker)
    :ok = :gen_tcp.shutdown(:sys.get_state(broker).conn.socket, :read_write) #~ test/no-sys-state
    assert_receive {:DOWN, ^ref, _, _, _}
  end

  test "a forged close event", %{broker: broker} do
    send(broker, {:tcp_closed, :sys.get_state(broker).conn.socket}) #~ test/no-sys-state
    assert Broker.status(broker) == :reconnecting
  end

  test "a report forged as if from the port, sent to the registered name" do
    state = :sys.get_state(Process.whereis(MyApp.LinkMonitor)) #~ test/no-sys-state
    send(MyApp.LinkMonitor, {state.port, {:data, :erlang.term_to_binary({:up, "eth0"})}})
    assert MyApp.LinkMonitor.up?("eth0")
  end

  test "the keepalive process can die", %{broker: broker} do
    keepalive = :sys.get_state(broker).keepalive #~ test/no-sys-state
    assert is_pid(keepalive) and Process.alive?(keepalive)
    Process.exit(keepalive, :kill)
    assert Broker.status(broker) == :connected
  end

  test "killing the pinger found through a helper", %{broker: broker} do
    case live_pinger(broker) do
      nil -> flunk("no pinger")
      pinger -> Process.exit(pinger, :kill)
    end

    assert Broker.status(broker) == :connected
  end

  test "locating a pool to check out from", %{router: router} do
    conn = Router.Pool.checkout(pool(router), :key)
    assert is_pid(conn)
    assert [_ | _] = router |> pool() |> Supervisor.which_children()
  end

  # Control: the field read is what the test asserts on.
  test "the keepalive interval", %{broker: broker} do
    interval = :sys.get_state(broker).keepalive_interval #~ test/no-sys-state
    assert interval == 5_000
  end

  # Control: a pid read out of the state and compared.
  test "the keepalive is the one we started", %{broker: broker} do
    keepalive = :sys.get_state(broker).keepalive #~ test/no-sys-state
    assert keepalive == Broker.keepalive(broker)
  end

  # Control: the value is sent back to the test to assert on.
  test "the keepalive counter", %{broker: broker} do
    parent = self()
    %{pings: pings} = :sys.get_state(broker) #~ test/no-sys-state
    send(parent, {:pings, pings})
    assert_received {:pings, 0}
  end

  # Control: the whole match is looked at, not only the pid.
  test "the keepalive state and pid", %{broker: broker} do
    %{mode: :active} = state = :sys.get_state(broker) #~ test/no-sys-state
    Process.exit(state.keepalive, :kill)
  end

  # Control: the helper's value is asserted on.
  test "the pool is a pid", %{router: router} do
    assert is_pid(pool_state(router))
  end

  defp live_pinger(broker) do
    case current_pinger(broker) do
      pid when is_pid(pid) -> if Process.alive?(pid), do: pid, else: nil
      _ -> nil
    end
  end

  defp current_pinger(broker) do
    if Process.alive?(broker), do: :sys.get_state(broker).pinger, else: nil #~ test/no-sys-state
  rescue
    _ -> nil
  end

  defp pool(router) do
    {_state, data} = :sys.get_state(router) #~ test/no-sys-state
    [%{pool: pool}] = Map.values(data.routes)
    pool
  end

  defp pool_state(router), do: :sys.get_state(router).pool #~ test/no-sys-state
end
