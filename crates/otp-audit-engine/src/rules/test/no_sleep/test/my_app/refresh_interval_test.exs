defmodule MyApp.RefreshIntervalTest do
  use ExUnit.Case

  alias MyApp.{Directory, Lookup}

  @refresh_interval 40
  @past_one_tick @refresh_interval + 25
  @half_tick 20

  setup do
    {:ok, dir} = Directory.start_link(refresh_interval: @refresh_interval)
    %{dir: dir}
  end

  # The directory's own timer is the subject: the sleep outlasts the interval the
  # file configures, through the attributes.
  test "refreshes the entries on every interval tick", %{dir: dir} do
    Lookup.stub_entries(["a", "b"])
    Process.sleep(@past_one_tick)
    assert Directory.size(dir) == 2
  end

  # Control: shorter than the interval, so it waits for something else.
  test "an interval tick does not come early", %{dir: dir} do
    Lookup.stub_entries(["a"])
    Process.sleep(@half_tick) #~ test/no-sleep
    assert Directory.size(dir) == 0
  end

  # Control: the name says nothing of the interval.
  test "new entries show up", %{dir: dir} do
    Lookup.stub_entries(["a"])
    Process.sleep(@past_one_tick) #~ test/no-sleep
    assert Directory.size(dir) == 1
  end
end
