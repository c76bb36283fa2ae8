defmodule MyApp.QuietProcessesTest do
  use ExUnit.Case, async: true

  test "every worker's end is awaited, however its ref is kept" do
    refs =
      for n <- 1..4 do
        spawn_monitor(fn -> MyApp.Counter.bump(n) end) |> elem(1)
      end

    await_downs(refs)
  end

  test "a call on a linked process that crashes returns its reason" do
    Process.flag(:trap_exit, true)
    server = spawn_link(fn -> receive(do: (_ -> exit(:boom))) end)

    reason =
      try do
        :gen_server.call(server, :hello)
      catch
        :exit, reason -> reason
      end

    assert {:boom, _} = reason
  end

  test "a parked process is only a target for tracing" do
    target = spawn_link(fn -> receive(do: (_ -> :ok)) end)
    assert Process.alive?(target)
  end

  test "a linked sleeper stands in for a member pid" do
    member = spawn_link(fn -> Process.sleep(:infinity) end)
    other = spawn_link(fn -> :timer.sleep(:infinity) end)
    :ok = MyApp.Groups.join(:chat, [member, other])
    assert MyApp.Groups.members(:chat) == [member, other]
  end

  test "an unlinked sleeper outlives the test" do
    member = spawn(fn -> Process.sleep(:infinity) end) #~ test/no-raw-spawn
    assert is_pid(member)
  end

  test "a linked consumer that only receives, computes and sends" do
    parent = self()
    consumer = spawn_link(fn -> Enum.each(Stream.repeatedly(&next_item/0), &send(parent, {:item, &1})) end)
    send(consumer, {:item, 1})
    assert_receive {:item, 1}
  end

  test "a linked process that runs project code is still reported" do
    spawn_link(fn -> MyApp.Counter.serve() end) #~ test/no-raw-spawn
    assert true
  end

  test "an unlinked parked process leaks" do
    pid = spawn(fn -> receive(do: (_ -> :ok)) end) #~ test/no-raw-spawn
    assert is_pid(pid)
  end

  defp next_item do
    receive do
      {:item, item} -> item
    end
  end

  defp await_downs(refs) do
    for ref <- refs do
      assert_receive {:DOWN, ^ref, :process, _, :normal}
    end
  end
end
