defmodule MyApp.FakePidTest do
  use ExUnit.Case, async: true

  test "a pid whose process ends at once is racy, not leaked" do
    fake_pid = spawn(fn -> :ok end) #~ test/no-raw-spawn
    assert {:error, :noproc} = MyApp.Lookup.ping(fake_pid)
  end

  test "the dead-pid idiom waits for :DOWN" do
    fake_pid = spawn(fn -> :ok end)
    ref = Process.monitor(fake_pid)
    assert_receive {:DOWN, ^ref, :process, ^fake_pid, _}
    assert {:error, :noproc} = MyApp.Lookup.ping(fake_pid)
  end
end
