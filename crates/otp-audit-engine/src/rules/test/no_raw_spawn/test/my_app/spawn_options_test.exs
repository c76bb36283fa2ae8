defmodule MyApp.SpawnOptionsTest do
  use ExUnit.Case, async: true

  test "a monitored spawn through Process.spawn/2 waits for its DOWN" do
    {pid, ref} = Process.spawn(fn -> exit(:boom) end, [:monitor])
    assert_receive {:DOWN, ^ref, :process, ^pid, :boom}
    assert {:error, :noproc} = MyApp.Client.ping(pid)
  end

  test "link and monitor options, with a DOWN wait" do
    {_pid, ref} =
      Process.spawn(
        fn ->
          assert MyApp.Client.ping(:missing) == {:error, :noproc}
        end,
        [:link, :monitor]
      )

    assert_receive {:DOWN, ^ref, _, _, :normal}, 500
  end

  test "spawn_opt with a monitor tuple" do
    {pid, ref} = :erlang.spawn_opt(fn -> exit(:gone) end, [{:monitor, []}])
    assert_receive {:DOWN, ^ref, :process, ^pid, :gone}
  end

  test "a linked Process.spawn in a test that traps exits" do
    Process.flag(:trap_exit, true)
    pid = Process.spawn(MyApp.Client, :crash, [], [:link])
    assert_receive {:EXIT, ^pid, :crashed}
  end

  test "a monitored spawn that nobody waits for" do
    {pid, _ref} = Process.spawn(fn -> Process.sleep(:infinity) end, [:monitor]) #~ test/no-raw-spawn
    assert is_pid(pid)
  end

  test "a linked spawn is not a monitor" do
    {other, ref} = spawn_monitor(fn -> :ok end)
    Process.spawn(fn -> Process.sleep(:infinity) end, [:link]) #~ test/no-raw-spawn
    assert_receive {:DOWN, ^ref, :process, ^other, :normal}
  end
end
