defmodule MyApp.PoolBlockerTest do
  use ExUnit.Case, async: false

  alias MyApp.{Repo, Tenants}

  setup :open_pool

  defp open_pool(_context) do
    {:ok, pool} = Postgrex.start_link(Application.fetch_env!(:my_app, :test_db))
    %{pool: pool}
  end

  test "a checkout times out while every connection is held" do
    {:ok, small} = Postgrex.start_link(pool_size: 1) #~ test/start-supervised

    # Blockers with a bounded call: they end within 2 s on their own.
    for _ <- 1..3 do
      Task.start(fn ->
        Repo.transact(small, fn c -> Postgrex.query!(c, "select pg_sleep(2)", []) end, timeout: 2_000)
      end)
    end

    assert {:error, %DBConnection.ConnectionError{}} =
             Repo.transact(small, fn c -> Postgrex.query!(c, "select 1", []) end, timeout: 100)
  end

  test "concurrent lookups start one connection", %{tenant_id: id} do
    # Load errands: each makes one call, and the test waits longer than they run.
    Enum.each(1..10, fn _ ->
      Task.start(fn -> Tenants.connect(Tenants.get!(id)) end)
    end)

    Process.sleep(2_000)
    assert Tenants.connection_count(id) == 1
  end

  test "a blocker on the test's pool ends when the pool stops", %{pool: pool} do
    Task.start(fn -> Postgrex.query!(pool, "select pg_sleep(5)", []) end) #~ test/start-supervised

    assert {:error, %DBConnection.ConnectionError{reason: :queue_timeout}} =
             MyApp.Subscriptions.create(pool, "topic")
  end

  test "a load errand nobody waits for", %{tenant_id: id} do
    Task.start(fn -> Tenants.connect(Tenants.get!(id)) end) #~ test/start-supervised
    assert Tenants.connection_count(id) <= 1
  end

  test "a task that serves forever still outlives the test", %{pool: pool} do
    Task.start(fn -> MyApp.Listener.listen_forever(pool) end) #~ test/start-supervised
    Process.sleep(1_000)
    assert Tenants.connection_count(1) == 1
  end
end
