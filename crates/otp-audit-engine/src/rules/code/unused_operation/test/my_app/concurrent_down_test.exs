defmodule MyApp.ConcurrentDownTest do
  use ExUnit.Case, async: true

  # Each element is checked by ExUnit's other assertions: the list is what is lost.
  test "every caller sees the stub go down" do
    ref = make_ref()
    tasks = for _ <- 1..3, do: Task.async(fn -> MyApp.Stub.down(ref) end)

    Enum.map(tasks, fn task -> #~ code/unused-operation
      Task.await(task)
      assert_received ^ref
    end)
  end

  test "each request raises" do
    Enum.map(1..3, fn _ -> #~ code/unused-operation
      assert_raise RuntimeError, fn -> MyApp.Stub.request(:broken) end
    end)
  end

  # A function that ends in a plain call is still a discarded list.
  test "requests run" do
    Enum.map(1..3, fn i -> MyApp.Stub.request(i) end) #~ code/unused-operation
  end
end
