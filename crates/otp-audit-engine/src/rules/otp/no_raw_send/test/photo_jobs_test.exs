defmodule Gallery.JobsTest do
  use ExUnit.Case, async: true

  test "a classify job tells the test it ran" do
    {:ok, photo} = Gallery.Repo.insert(%Gallery.Photo{notify: self(), path: "a.png"})
    Gallery.Jobs.Classify.run(photo.id)
    assert_receive {:classify_ran, _id}
  end

  test "an export reports back" do
    pid = start_supervised!({Gallery.Jobs.Export, self()})
    GenServer.cast(pid, {:export, 7})
    assert_receive {:exported, 7}
    _ = %{reply_to: self()}
  end
end
