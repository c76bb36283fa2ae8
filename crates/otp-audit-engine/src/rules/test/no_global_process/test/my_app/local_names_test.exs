defmodule MyApp.LocalNamesTest do
  use ExUnit.Case, async: true

  defmodule Counter do
    use Agent

    def start_link(initial), do: Agent.start_link(fn -> initial end, name: __MODULE__)
  end

  test "a temporary child is gone after it stops" do
    start_supervised!({Counter, 0}, restart: :temporary)
    Agent.stop(Counter)
    refute Process.whereis(Counter)
  end

  test "the application's registry is running" do
    assert is_pid(Process.whereis(MyApp.Registry))
  end

  test "tables belong to the application's owner process" do
    owner = Process.whereis(MyApp.TableOwner)
    assert_receive {:owner, ^owner}
  end

  test "a pid taken from the application and then used" do
    cache = Process.whereis(MyApp.Cache) #~ test/no-global-process
    assert GenServer.call(cache, :clear) == :ok
  end
end

defmodule MyApp.LoggerRestartTest do
  use ExUnit.Case

  test "the handler comes back after the logger restarts" do
    Process.whereis(MyApp.LogRouter) |> Process.exit(:kill)
    wait_for_router()
    assert MyApp.LogRouter.handlers() != []
  end

  defp wait_for_router do
    unless Process.whereis(MyApp.LogRouter), do: wait_for_router()
  end
end
