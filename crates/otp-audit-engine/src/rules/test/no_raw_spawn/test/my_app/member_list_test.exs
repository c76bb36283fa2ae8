defmodule MyApp.MemberListTest do
  use ExUnit.Case, async: true

  test "every member gets the broadcast" do
    parent = self()

    members =
      for i <- 1..5 do
        spawn(fn ->
          MyApp.Group.join(:room)
          send(parent, {:joined, i})

          receive do
            msg -> send(parent, {:got, i, msg})
          end
        end)
      end

    for i <- 1..5, do: assert_receive({:joined, ^i})
    MyApp.Group.broadcast(:room, :hi)
    for i <- 1..5, do: assert_receive({:got, ^i, :hi})
    Enum.each(members, &Process.exit(&1, :kill))
  end

  test "members ended by a comprehension" do
    members =
      for _ <- 1..3 do
        spawn(fn -> MyApp.Group.join(:lobby) end)
      end

    assert length(members) == 3
    for member <- members, do: Process.exit(member, :kill)
  end

  test "members nobody ends" do
    members =
      for _ <- 1..3 do
        spawn(fn -> #~ test/no-raw-spawn
          MyApp.Group.join(:lobby)
          Process.sleep(:infinity)
        end)
      end

    assert length(members) == 3
  end
end
