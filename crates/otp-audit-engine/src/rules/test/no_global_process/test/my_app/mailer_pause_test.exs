defmodule MyApp.MailerPauseTest do
  use ExUnit.Case

  test "a paused mailer queues instead of sending" do
    original = :sys.get_state(MyApp.Mailer)

    try do
      :sys.replace_state(MyApp.Mailer, fn state -> %{state | paused: true} end)
      assert :queued = GenServer.call(MyApp.Mailer, {:deliver, "welcome"}, 1_000)
    after
      :sys.replace_state(MyApp.Mailer, fn _ -> original end)
    end
  end

  test "a rewrite that is never put back leaks" do
    :sys.replace_state(MyApp.Mailer, fn state -> %{state | paused: true} end) #~ test/no-global-process
    assert :queued = GenServer.call(MyApp.Mailer, {:deliver, "reminder"}, 1_000) #~ test/no-global-process
  end
end

defmodule MyApp.MailerAsyncRestoreTest do
  use ExUnit.Case, async: true

  test "the restore itself is not the problem" do
    :sys.replace_state(MyApp.Mailer, fn state -> %{state | paused: true} end) #~ test/no-global-process
    assert :queued = GenServer.call(MyApp.Mailer, {:deliver, "digest"}, 1_000) #~ test/no-global-process
  after
    :sys.replace_state(MyApp.Mailer, fn state -> %{state | paused: false} end)
  end
end
