defmodule MyApp.BoundSelfTest do
  use ExUnit.Case, async: true

  alias MyApp.Directory

  setup do
    start_supervised!({Directory, name: :bound_self_directory})
    :ok
  end

  test "an update is visible to the next lookup" do
    Directory.register(:bound_self_directory, "key", "old")

    {:ok, "old"} = GenServer.call(:bound_self_directory, {:update, "key", "new"})

    pid = self()

    Process.sleep(200) #~ test/no-sleep

    assert [{^pid, "new"}] = Directory.lookup(:bound_self_directory, "key")
  end

  # Near miss: a binding that does work is what the sleep follows.
  test "a value read after the call" do
    {:ok, "old"} = GenServer.call(:bound_self_directory, {:update, "key", "new"})
    entries = Directory.entries(:bound_self_directory)
    Process.sleep(200) #~ test/no-sleep
    assert length(entries) == length(Directory.entries(:bound_self_directory))
  end
end
