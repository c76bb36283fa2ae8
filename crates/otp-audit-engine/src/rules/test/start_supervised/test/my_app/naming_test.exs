defmodule MyApp.NamingTest do
  use ExUnit.Case, async: true

  defmodule Ticker do
    use GenServer
    def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
    @impl true
    def init(opts), do: {:ok, opts}
  end

  test "a per-test name cannot clash, so it is not reported", context do
    {:ok, pid} = MyApp.Cache.start_link(name: context.test)
    {:ok, other} = Agent.start_link(fn -> 0 end, name: :"agent_#{System.unique_integer()}")
    assert is_pid(pid) and is_pid(other)
  end

  test "fixed names clash with the next test" do
    {:ok, _} = MyApp.Cache.start_link(name: MyApp.Cache) #~ test/start-supervised
    {:ok, _} = GenServer.start_link(MyApp.Cache, [], name: {:global, MyApp.Cache}) #~ test/start-supervised
    {:ok, _} = Ticker.start_link(interval: 10) #~ test/start-supervised
    assert Process.whereis(MyApp.Cache)
  end
end
