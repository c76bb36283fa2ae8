# fixture: needs the project (the failure check reads lib/my_app/shard_starter.ex)
defmodule MyApp.ShardStarterTest do
  # The error tuples of MyApp.ShardStarter stay between its private helpers and end
  # as a report: its public functions return `:ok`, so there is no error to match.
  use ExUnit.Case, async: true

  test "starts every missing shard" do
    assert :ok = MyApp.ShardStarter.start_missing([])
    assert :ok = MyApp.ShardStarter.check([:a], [:a])
  end
end

defmodule MyApp.ShardLoaderTest do
  # The expectation on the tracker checks the failure through its reporting channel.
  use ExUnit.Case, async: true
  use Mimic

  test "a bad snapshot is reported" do
    expect(MyApp.Tracker, :capture_message, fn "bad snapshot", _opts -> :ok end)
    MyApp.ShardLoader.load("notes.txt")
  end

  test "a good snapshot loads" do
    reject(&MyApp.Tracker.capture_message/2)
    assert {:ok, _} = MyApp.ShardLoader.load("a.snap")
  end
end

defmodule MyApp.ShardIndexTest do #~ test/no-assertion
  # `owner/2` returns the `{:error, :no_owner}` of its private helper: untested.
  use ExUnit.Case, async: true

  test "finds the owner of a key" do
    shards = Map.new(0..15, &{&1, :"shard_#{&1}"})
    assert {:ok, _shard} = MyApp.ShardIndex.owner(shards, "user:1")
  end
end
