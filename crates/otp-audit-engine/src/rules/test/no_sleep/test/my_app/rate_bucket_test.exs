defmodule MyApp.RateBucketTest do
  use ExUnit.Case

  test "a 1000ms bucket starts over in the next window" do
    assert {:ok, 1} = MyApp.RateBucket.hit("login", 1000, 2)
    assert {:ok, 2} = MyApp.RateBucket.hit("login", 1000, 2)
    assert {:error, 2} = MyApp.RateBucket.hit("login", 1000, 2)
    :timer.sleep(1000)
    assert {:ok, 1} = MyApp.RateBucket.hit("login", 1000, 2)
  end

  test "the bucket starts over later" do
    assert {:ok, 1} = MyApp.RateBucket.hit("signup", 1000, 1)
    :timer.sleep(1000) #~ test/no-sleep
    assert {:ok, 1} = MyApp.RateBucket.hit("signup", 1000, 1)
  end
end
