defmodule MyApp.StatusPushTest do
  use ExUnit.Case, async: false

  alias MyApp.StatusSite

  setup_all do
    {:ok, _} = StatusSite.start_link() #~ test/start-supervised
    :ok
  end

  test "pushes to the status page" do
    assert :ok = MyApp.StatusPush.push(StatusSite.url(), %{up: true})
  end
end
