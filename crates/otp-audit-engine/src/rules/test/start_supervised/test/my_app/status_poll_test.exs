defmodule MyApp.StatusPollTest do
  use ExUnit.Case, async: false

  setup_all do
    {:ok, _} = MyApp.StatusSite.start_link() #~ test/start-supervised
    :ok
  end

  test "reads the status page" do
    assert {:ok, %{}} = MyApp.StatusPoll.fetch(MyApp.StatusSite.url())
  end
end
