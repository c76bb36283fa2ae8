defmodule Courier.RouteLeaseTest do
  use ExUnit.Case

  test "a lease survives a sweep that the test triggers" do
    assert :ok = Courier.RouteLease.lease("route-7")

    try do
      assert :ok = GenServer.call(Courier.RouteLease, :sweep_now, 1_000)
      assert {:error, :not_leased} != Courier.RouteLease.release("route-7")
    after
      Courier.RouteLease.release("route-7")
    end
  end

  test "sweeping can be slowed down for one test" do
    previous = Application.get_env(:courier, :sweep_every)
    Application.put_env(:courier, :sweep_every, :timer.hours(1))

    try do
      assert :ok = Courier.RouteLease.lease("route-9")
    after
      Application.put_env(:courier, :sweep_every, previous)
      Courier.RouteLease.release("route-9")
    end
  end
end
