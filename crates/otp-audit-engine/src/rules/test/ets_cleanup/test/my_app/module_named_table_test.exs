defmodule MyApp.ModuleNamedTableTest do
  use ExUnit.Case, async: true

  # Named after this module: only its own tests use the name, and they never run
  # at the same time.
  setup do
    :ets.new(__MODULE__, [:named_table, :public, :set])
    :ok
  end

  def fail_next(id), do: :ets.insert(__MODULE__, {id, true})

  test "records a failure" do
    fail_next(7)
    assert :ets.lookup(__MODULE__, 7) == [{7, true}]
  end

  test "a fixed module name other modules can use still clashes" do
    :ets.new(MyApp.Failures, [:named_table, :set]) #~ test/ets-cleanup
    assert :ets.info(MyApp.Failures, :size) == 0
  end
end
