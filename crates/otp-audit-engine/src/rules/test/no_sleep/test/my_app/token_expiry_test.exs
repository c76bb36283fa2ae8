defmodule MyApp.TokenExpiryTest do
  use ExUnit.Case, async: true

  alias MyApp.Token

  test "a token expires after its max age" do
    token = Token.sign("user-1")
    assert {:ok, "user-1"} = Token.verify(token, max_age_ms: 20)
    Process.sleep(30)
    assert {:error, :expired} = Token.verify(token, max_age_ms: 20)
  end

  test "updated_at moves forward on each write" do
    entry = MyApp.Journal.new("a")
    Process.sleep(2)
    assert MyApp.Journal.touch(entry).updated_at > entry.updated_at
  end

  test "a sleep after a cast still guesses" do
    pid = start_supervised!({MyApp.Cache, ttl_ms: 50})
    GenServer.cast(pid, {:put, :k, :v})
    Process.sleep(10) #~ test/no-sleep
    assert MyApp.Cache.get(pid, :k) == :v
  end

  test "order ids sort by creation time across milliseconds" do
    first = MyApp.OrderId.generate()
    Process.sleep(1)
    second = MyApp.OrderId.generate()
    assert first < second
  end

  test "a sleep with nothing about time still guesses" do
    MyApp.Mailer.deliver_later(%{to: "a@example.com"})
    Process.sleep(50) #~ test/no-sleep
    assert MyApp.Mailer.sent_count() == 1
  end

  test "the slowest-tests report lists a slow fixture test" do
    defmodule SlowFixtureTest do
      use ExUnit.Case

      test "slow" do
        Process.sleep(20)
      end
    end

    assert ExUnit.run().total == 1
  end
end
