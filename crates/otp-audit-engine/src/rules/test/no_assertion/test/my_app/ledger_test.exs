# fixture: needs the project (the failure check reads lib/my_app/ledger.ex)
defmodule MyApp.LedgerTest do
  use ExUnit.Case, async: true

  # The failures are checked where the app's start reaches them (boot_test.exs).
  test "a current ledger is ready" do
    assert :ok = MyApp.Ledger.verify_ready!(version: 3)
  end
end

defmodule MyApp.ReceiptsTest do #~ test/no-assertion
  use ExUnit.Case, async: true

  test "renders one line per item" do
    assert MyApp.Receipts.render!(%{lines: ["tea"]}) == "tea"
  end
end

defmodule MyApp.AmountsTest do
  use ExUnit.Case, async: true

  test "labels cents" do
    assert MyApp.Amounts.label(1205) == "12.05"
  end
end

defmodule MyApp.AmountsParseTest do
  use ExUnit.Case, async: true

  # Named after nothing in lib/: not judged.
  test "parses" do
    assert MyApp.Amounts.parse!("120") == 120
  end
end
