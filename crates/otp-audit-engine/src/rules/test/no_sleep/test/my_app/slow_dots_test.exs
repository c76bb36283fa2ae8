defmodule MyApp.SlowDotsTest do
  use ExUnit.Case

  # Tests that take a little longer each, to watch the formatter print them.
  for delay <- [0, 5, 10] do
    test "a dot after #{delay} ms" do
      Process.sleep(unquote(delay))
      nil
    end
  end

  test "the counter settles" do
    GenServer.cast(MyApp.Counter, :bump)
    Process.sleep(20) #~ test/no-sleep
    assert MyApp.Counter.value() == 1
  end
end
