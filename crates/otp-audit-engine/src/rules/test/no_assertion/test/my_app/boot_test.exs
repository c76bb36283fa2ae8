defmodule MyApp.BootTest do
  use ExUnit.Case, async: true

  test "the app refuses to start before the ledger setup" do
    assert_raise RuntimeError, ~r/ledger tables have not been created/, fn ->
      MyApp.Boot.start!(version: nil)
    end
  end
end
