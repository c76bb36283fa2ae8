defmodule MyApp.TickerTest do
  use ExUnit.Case, async: true

  alias MyApp.Ticker

  setup do
    ticker = start_supervised!({Ticker, owner: self(), interval: 10})
    %{ticker: ticker}
  end

  test "ticks twice, then reports done", %{ticker: ticker} do
    Ticker.run(ticker, 2)
    Process.sleep(100) #~ test/no-sleep
    assert_received {:tick, 1}
    assert_received {:tick, 2}
  end

  test "the done message carries the count", %{ticker: ticker} do
    Ticker.run(ticker, 3)
    Process.sleep(100) #~ test/no-sleep
    assert_received {:done, count}
    assert count == 3
  end

  test "stops after the limit", %{ticker: ticker} do
    Ticker.run(ticker, 1)
    Process.sleep(100) #~ test/no-sleep
    assert_received {:tick, 1}
    refute_received {:tick, 2}
  end

  test "the ticker records what it sent", %{ticker: ticker} do
    Ticker.run(ticker, 1)
    Process.sleep(100) #~ test/no-sleep
    assert_received {:tick, 1}
    assert Ticker.sent(ticker) == 1
  end

  test "a paused ticker sends nothing", %{ticker: ticker} do
    Ticker.pause(ticker)
    Process.sleep(50) #~ test/no-sleep
    refute_received {:tick, _}
    assert Ticker.sent(ticker) == 0
  end

  test "a slow run still finishes", %{ticker: ticker} do
    Ticker.run(ticker, 1)

    if Ticker.slow?(ticker) do
      Process.sleep(200) #~ test/no-sleep
      assert_received {:tick, 1}
    end

    assert Ticker.sent(ticker) == 1
  end
end
