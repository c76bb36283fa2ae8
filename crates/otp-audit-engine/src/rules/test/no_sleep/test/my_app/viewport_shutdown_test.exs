defmodule MyApp.ViewportShutdownTest do
  use ExUnit.Case, async: true

  test "a viewport starts under its supervisor and is shut down" do
    {:ok, pid} = DynamicSupervisor.start_link(name: :viewports_a, strategy: :one_for_one)
    {:ok, _viewport} = DynamicSupervisor.start_child(:viewports_a, {MyApp.Viewport, size: {10, 10}})
    assert MyApp.Viewport.count(:viewports_a) == 1
    DynamicSupervisor.terminate_child(:viewports_a, pid)
    Process.sleep(2)  #~ test/no-sleep
  end

  test "the child itself is terminated" do
    {:ok, _sup} = DynamicSupervisor.start_link(name: :viewports_b, strategy: :one_for_one)
    {:ok, viewport} = DynamicSupervisor.start_child(:viewports_b, {MyApp.Viewport, size: {10, 10}})
    DynamicSupervisor.terminate_child(:viewports_b, viewport)
    Process.sleep(2)  #~ test/no-sleep
  end
end
