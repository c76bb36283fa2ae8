defmodule Billing.BatchScopeTest do
  use ExUnit.Case, async: true

  test "the flag is per process" do
    Billing.BatchScope.enter_batch()
    assert Billing.BatchScope.inside_batch?()
    Billing.BatchScope.leave_batch()
    refute Billing.BatchScope.inside_batch?()
  end
end
