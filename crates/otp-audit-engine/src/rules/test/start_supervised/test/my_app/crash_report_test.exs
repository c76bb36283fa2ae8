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
end
