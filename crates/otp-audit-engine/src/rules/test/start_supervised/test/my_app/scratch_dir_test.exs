defmodule MyApp.ScratchDirTest do
  use ExUnit.Case, async: true

  alias MyApp.ScratchDir

  # Unlinked on purpose: one owner crashes, and the test must survive it.
  test "files go when their owner ends" do
    parent = self()

    {:ok, owner} =
      Task.start(fn ->
        path = ScratchDir.make("report")
        send(parent, {:made, path})
      end)

    assert_receive {:made, path}
    ScratchDir.await_release(owner)
    refute File.exists?(path)
  end

  test "files go when their owner crashes" do
    parent = self()

    {:ok, owner} =
      Task.start(fn ->
        path = ScratchDir.make("report")
        send(parent, {:made, path})
        raise "owner crashed"
      end)

    assert_receive {:made, path}
    ScratchDir.await_release(owner)
    refute File.exists?(path)
  end

  test "an owner that waits for the test's word ends when it gets it" do
    parent = self()

    {:ok, owner} =
      Task.start(fn ->
        path = ScratchDir.make("kept")
        send(parent, {:made, path})

        receive do
          :release -> :ok
        end
      end)

    assert_receive {:made, path}
    assert File.exists?(path)
    send(owner, :release)
    ScratchDir.await_release(owner)
  end

  test "an owner still waiting when the test ends outlives it" do
    parent = self()

    {:ok, _owner} =
      Task.start(fn -> #~ test/start-supervised
        path = ScratchDir.make("kept")
        send(parent, {:made, path})

        receive do
          :release -> :ok
        end
      end)

    assert_receive {:made, path}
    assert File.exists?(path)
  end

  test "an owner whose last step the test never waits for may outlive it" do
    {:ok, _owner} =
      Task.start(fn -> #~ test/start-supervised
        ScratchDir.make("report")
        ScratchDir.watch("report")
      end)
  end
end
