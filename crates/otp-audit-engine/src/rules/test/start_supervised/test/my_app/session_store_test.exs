defmodule MyApp.SessionStoreTest do
  use ExUnit.Case, async: true

  alias MyApp.SessionStore

  setup do
    {:ok, store} = SessionStore.start_link(ttl: 60) #~ test/start-supervised
    {:ok, _} = Registry.start_link(keys: :unique, name: MyApp.SessionRegistry) #~ test/start-supervised
    %{store: store}
  end

  test "stores and fetches a session", %{store: store} do
    :ok = SessionStore.put(store, "abc", %{user_id: 1})
    assert {:ok, %{user_id: 1}} = SessionStore.fetch(store, "abc")
  end

  test "a bare start_link statement" do
    MyApp.SessionStore.start_link(name: :bare_store) #~ test/start-supervised
    assert :error = SessionStore.fetch(:bare_store, "none")
  end

  test "starting through GenServer directly" do
    {:ok, pid} = GenServer.start_link(SessionStore, [ttl: 5], name: :bare_store) #~ test/start-supervised
    GenServer.start_link(SessionStore, []) #~ test/start-supervised
    assert :error = SessionStore.fetch(pid, "none")
  end

  test "agents, tasks and supervisors" do
    {:ok, agent} = Agent.start_link(fn -> %{} end) #~ test/start-supervised
    {:ok, task} = Task.start_link(fn -> Agent.update(agent, &Map.put(&1, :seen, true)) end) #~ test/start-supervised
    {:ok, sup} = Supervisor.start_link([], strategy: :one_for_one) #~ test/start-supervised
    {:ok, dyn} = DynamicSupervisor.start_link(strategy: :one_for_one) #~ test/start-supervised
    assert Enum.all?([agent, task, sup, dyn], &is_pid/1)
  end

  test "unlinked starts are never stopped" do
    {:ok, pid} = GenServer.start(SessionStore, []) #~ test/start-supervised
    {:ok, agent} = Agent.start(fn -> 0 end) #~ test/start-supervised
    {:ok, _task} = Task.start(fn -> SessionStore.sweep_forever() end) #~ test/start-supervised
    assert is_pid(pid) and is_pid(agent)
  end

  test "shapes without a plain rewrite get no fix" do
    assert {:ok, pid} = SessionStore.start_link(ttl: 1) #~ test/start-supervised
    {:ok, other} = SessionStore.start_link() #~ test/start-supervised
    pid2 = elem(SessionStore.start_link(ttl: 2), 1) #~ test/start-supervised
    assert Enum.all?([pid, other, pid2], &is_pid/1)
  end
end
