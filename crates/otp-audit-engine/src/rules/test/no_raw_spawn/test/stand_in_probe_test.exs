defmodule MyApp.StandInProbeTest do
  use ExUnit.Case, async: true

  defmodule Relay do
    def loop(to) do
      receive do
        message ->
          if reply = translate(message), do: send(to, reply)
          loop(to)
      end
    end

    defp translate({:"$gen_cast", :started}), do: :started
    defp translate(_), do: nil
  end

  defmodule Recorder do
    def loop(path) do
      receive do
        message ->
          File.write!(path, inspect(message), [:append])
          loop(path)
      end
    end
  end

  setup do
    # Only waits, computes and sends: the link ends it with the test.
    %{relay: spawn_link(Relay, :loop, [self()])}
  end

  test "the relay passes on a start", %{relay: relay} do
    GenServer.cast(relay, :started)
    assert_receive :started
  end

  test "a stand-in with its own dictionary entry and a unique name" do
    parent = self()
    name = :"probe_#{System.unique_integer([:positive])}"

    pid =
      spawn_link(fn ->
        Process.put(:"$initial_call", {MyApp.Worker, :init, 1})
        Process.register(self(), name)
        send(parent, :ready)
        Process.sleep(:infinity)
      end)

    assert_receive :ready
    assert {MyApp.Worker, :init, 1} = MyApp.Proc.initial_call(pid)
  end

  test "a fixed name is seen by every test" do
    parent = self()

    spawn_link(fn -> #~ test/no-raw-spawn
      Process.register(self(), :probe)
      send(parent, :ready)
      Process.sleep(:infinity)
    end)

    assert_receive :ready
    assert Process.whereis(:probe)
  end

  @tag :tmp_dir
  test "a loop that writes files outlives nothing but leaves them", %{tmp_dir: dir} do
    recorder = spawn_link(Recorder, :loop, [Path.join(dir, "log")]) #~ test/no-raw-spawn
    send(recorder, :hello)
    assert is_pid(recorder)
  end
end
