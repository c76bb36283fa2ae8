defmodule MyApp.OutboxFlushTest do
  # Starts its own Outbox under the module's fixed name, as MyApp.OutboxAsyncSetupTest
  # does: the two async modules can run at the same time and meet the same name.
  use ExUnit.Case, async: true

  test "a flush empties the queue" do
    start_supervised!({MyApp.Outbox, flush_every: 10})
    assert :ok = MyApp.Outbox.flush()
  end
end
