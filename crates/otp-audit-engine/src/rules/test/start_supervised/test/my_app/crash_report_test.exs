defmodule MyApp.CrashReportTest do
  use ExUnit.Case, async: false

  import ExUnit.CaptureLog

  defmodule Exploder do
    use GenServer
    def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
    @impl true
    def init(opts), do: {:ok, opts}
    @impl true
    def handle_call(:explode, _from, _state), do: raise("kaboom")
    def handle_call(:slow, _from, state), do: Process.sleep(100) && {:reply, :ok, state}
  end

  setup_all do
    # Exploder is this file's own module: no other test module starts its name,
    # and the link to the setup_all process ends it with the module.
    Exploder.start_link([])
    :ok
  end

  test "a server the test crashes ends within the test" do
    {:ok, pid} = GenServer.start(Exploder, [])

    assert capture_log(fn -> catch_exit(GenServer.call(pid, :explode)) end) =~ "kaboom"
  end

  test "a call that times out leaves the server running" do
    {:ok, pid} = GenServer.start(Exploder, []) #~ test/start-supervised

    assert {:timeout, _} = catch_exit(GenServer.call(pid, :slow, 10))
  end

  test "a registry under a name no other test or file mentions cannot clash" do
    {:ok, _} = Registry.start_link(keys: :unique, name: CrashReportTest.Registry)
    assert Registry.keys(CrashReportTest.Registry, self()) == []
  end

  test "a task that consumes a short stream ends with it" do
    parent = self()
    stream = Stream.map([1, 2], &send(parent, &1))
    Task.start(Stream, :run, [stream])
    assert_receive 2
  end

  test "a task that calls a function the module lacks crashes at once" do
    Task.start(__MODULE__, :no_such_function, [])
    Task.start(fn -> send(self(), Enum.sum([1, 2])) end)
    assert capture_log(fn -> Logger.flush() end) =~ ""
  end

  test "a task that waits for a message may outlive the test" do
    Task.start(fn -> receive do: (:go -> :ok) end) #~ test/start-supervised
    Task.start(MyApp.Reports, :build, [:daily]) #~ test/start-supervised
    assert true
  end
end
