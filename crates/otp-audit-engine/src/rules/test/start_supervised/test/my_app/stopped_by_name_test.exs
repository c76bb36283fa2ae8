defmodule MyApp.GatewayTest do
  use ExUnit.Case

  alias MyApp.{Gateway, GatewaySupervisor, Metrics}

  setup do
    on_exit(fn ->
      if pid = Process.whereis(GatewaySupervisor) do
        Supervisor.stop(pid, :normal, 5_000)
      end
    end)

    :ok
  end

  test "the supervisor a setup stops on exit" do
    {:ok, _} = GatewaySupervisor.start_link()
    assert Process.whereis(Gateway.Registry) != nil
  end

  test "an endpoint the test stops by its name" do
    {:ok, _} = Gateway.start_link()
    assert Gateway.port() == 4001
    Supervisor.stop(Gateway)
  end

  test "a process nobody stops is still reported" do
    {:ok, _} = Metrics.start_link(name: Metrics) #~ test/start-supervised
    assert Metrics.count() == 0
  end
end
