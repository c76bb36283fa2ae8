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

  # Ticker (defined in this file) is started by two tests: the second can meet the
  # first one's process before it is gone.
  test "the same module-local name started again" do
    {:ok, _} = Ticker.start_link(interval: 20) #~ test/start-supervised
    assert Process.whereis(Ticker)
  end

  # `name:` here is part of the init argument (a label the stage keeps); the
  # registration options are the last argument, and they name nothing: an unnamed
  # linked start (info), not a fixed name.
  test "a name inside the init argument registers nothing" do
    {:ok, stage} = MyApp.BatchStage.start_link([name: :label_only, batch_size: 10], []) #~ test/start-supervised
    assert is_pid(stage)
  end

  # The stop is inside a try/after of the on_exit: the agent outlives the test
  # supervisor on purpose, so on_exit can still read it, and is stopped then.
  test "an agent stopped in the on_exit's after block" do
    {:ok, observer} = Agent.start_link(fn -> [] end, name: MyApp.Observer)

    on_exit(fn ->
      try do
        assert Agent.get(observer, & &1) == []
      after
        Agent.stop(observer)
      end
    end)

    assert Process.whereis(MyApp.Observer) == observer
  end

  # Both names are mentioned by another test, so a fixed name could clash.
  test "the label and the observer are not left behind" do
    refute Process.whereis(:label_only)
    refute Process.whereis(MyApp.Observer)
  end
end
