defmodule MyApp.BulkRenameTest do
  use ExUnit.Case, async: true

  test "renames every user it is given" do
    users = MyApp.Users.rename_all(["ann", "bob"], "carl")

    Enum.map(users, &assert(&1.name == "carl")) #~ code/unused-operation
  end

  test "keeps the ids" do
    users = MyApp.Users.rename_all(["ann", "bob"], "dora")

    Enum.map(users, fn user -> #~ code/unused-operation
      assert is_integer(user.id)
    end)
  end

  test "builds labels nobody reads" do
    users = MyApp.Users.rename_all(["ann"], "eve")
    Enum.map(users, &String.upcase(&1.name)) #~ code/unused-operation
    assert length(users) == 1
  end
end
