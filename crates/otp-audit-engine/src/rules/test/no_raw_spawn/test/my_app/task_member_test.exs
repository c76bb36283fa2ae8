defmodule MyApp.GroupJoinTest do
  use ExUnit.Case, async: true

  alias MyApp.Groups

  test "concurrent joins from tasks register every member", %{test: scope} do
    start_supervised!({Groups, name: scope})

    joins =
      for _ <- 1..5 do
        Task.async(fn ->
          member = spawn_link(fn -> Process.sleep(:infinity) end) #~ test/no-raw-spawn
          Groups.join(scope, :lobby, member)
        end)
      end

    Enum.each(joins, &Task.await/1)
    assert length(Groups.members(scope, :lobby)) == 5
  end

  test "a sleeper linked to the test itself ends with it", %{test: scope} do
    start_supervised!({Groups, name: scope})
    member = spawn_link(fn -> Process.sleep(:infinity) end)
    assert :ok = Groups.join(scope, :lobby, member)
  end
end
