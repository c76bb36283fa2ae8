defmodule MyApp.SupervisedTest do
  use ExUnit.Case, async: true

  alias MyApp.SessionStore

  # No finding in this file: processes belong to the test supervisor, run elsewhere,
  # or are expected not to start.

  setup do
    store = start_supervised!({SessionStore, ttl: 60})
    %{store: store}
  end

  test "child specs that name start_link" do
    pid =
      start_supervised!(%{
        id: :custom,
        start: {SessionStore, :start_link, [[ttl: 1]]}
      })

    {:ok, agent} = start_supervised({Agent, fn -> 0 end})
    assert is_pid(pid) and is_pid(agent)
  end

  test "a start inside an explicit child start fn" do
    pid = start_supervised!(%{id: :wrapped, start: {Task, :start_link, [fn -> :ok end]}})
    assert is_pid(pid)
  end

  test "bad options do not start a process" do
    Process.flag(:trap_exit, true)
    assert {:error, :bad_ttl} = SessionStore.start_link(ttl: -1)
    assert SessionStore.start_link(ttl: -2) == {:error, :bad_ttl}
    :ignore = MyApp.Disabled.start_link([])
  end

  test "processes started by a task belong to the task" do
    task =
      Task.async(fn ->
        {:ok, pid} = SessionStore.start_link(ttl: 1)
        SessionStore.put(pid, "k", 1)
      end)

    assert :ok = Task.await(task)
  end

  defp start_store, do: SessionStore.start_link(ttl: 1)

  test "helpers outside test bodies are not checked" do
    assert {:ok, _} = start_store()
  end
end
