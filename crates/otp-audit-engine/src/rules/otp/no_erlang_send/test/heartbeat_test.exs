defmodule MyApp.HeartbeatTest do
  use ExUnit.Case, async: true

  test "a beat pings every peer" do
    peer = self()
    pid = start_supervised!({MyApp.Heartbeat, peers: [peer]})
    :erlang.send(pid, :beat) #~ otp/no-erlang-send
    assert_receive {:ping, ^pid}
  end

  test "pong resets the missed counter" do
    pid = start_supervised!({MyApp.Heartbeat, peers: []})
    send(pid, {:pong, self()})
    assert_receive :ack
  end

  test "timers fire" do
    :erlang.send_after(10, self(), :done) #~ otp/no-erlang-send
    assert_receive :done
  end
end
