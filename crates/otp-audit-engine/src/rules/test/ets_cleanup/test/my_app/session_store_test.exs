defmodule MyApp.SessionStoreTest do
  use ExUnit.Case, async: true

  alias MyApp.SessionStore

  # No other file names this table: only this module's tests use it, and they never
  # run at the same time.
  @table :session_store_test

  setup do
    :ets.new(@table, [:named_table, :public])
    :ok
  end

  test "puts and gets a session" do
    opts = SessionStore.init(table: @table)
    sid = SessionStore.put(nil, %{user: 1}, opts)
    assert SessionStore.get(sid, opts) == %{user: 1}
  end

  test "a name the library uses too" do
    :ets.new(:prices, [:named_table, :public]) #~ test/ets-cleanup
    assert :ets.info(:prices, :size) == 0
  end
end
