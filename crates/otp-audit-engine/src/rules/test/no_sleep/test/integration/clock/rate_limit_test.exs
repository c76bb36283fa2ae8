defmodule MyApp.RateLimitWindowTest do
  use ExUnit.Case

  # Wall-clock time is the subject here; the folder is in `allow_in`.
  test "the window resets after a second" do
    assert :ok = MyApp.RateLimit.hit(:api)
    assert {:error, :limited} = MyApp.RateLimit.hit(:api)
    Process.sleep(1_000)
    assert :ok = MyApp.RateLimit.hit(:api)
  end
end
