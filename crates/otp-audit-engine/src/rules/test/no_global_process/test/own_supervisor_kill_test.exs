defmodule MyApp.OwnSupervisorKillTest do
  use ExUnit.Case

  test "children come back after their supervisor is killed" do
    start_supervised({DynamicSupervisor, strategy: :one_for_one, name: :jobs_sup})
    {:ok, _} = DynamicSupervisor.start_child(:jobs_sup, {Agent, fn -> 0 end})

    Process.whereis(:jobs_sup) |> Process.exit(:kill)

    assert_receive_nothing()
  end

  test "a wrapper restarts what it wraps" do
    {:ok, wrapper} =
      MyApp.Wrapper.start_link(mfa: {Agent, :start_link, [fn -> 0 end, [name: :wrapped_agent]]})

    Process.whereis(:wrapped_agent) |> Process.exit(:kill)
    assert Process.alive?(wrapper)
  end

  test "killing the application's registry leaks into later tests" do
    Process.whereis(:jobs_registry) |> Process.exit(:kill) #~ test/no-global-process
    assert :ok == MyApp.Jobs.ping()
  end

  defp assert_receive_nothing, do: refute_receive(_, 10)
end
