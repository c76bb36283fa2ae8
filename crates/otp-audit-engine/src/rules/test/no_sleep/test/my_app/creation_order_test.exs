defmodule MyApp.CreationOrderTest do
  use MyApp.DataCase

  alias MyApp.Fixtures

  # The schema stamps inserted_at in whole seconds: the sleep keeps two rows apart.
  test "lists notes in desc order", %{owner: owner} = attrs do
    _first = Fixtures.note_fixture(attrs)
    Process.sleep(1000)

    attrs_2 = Map.merge(attrs, %{body: "later"})
    second = Fixtures.note_fixture(attrs_2)

    assert [%{id: id} | _] = MyApp.Notes.list_notes(owner, order: :desc)
    assert id == second.id
  end

  test "generated ids are ordered" do
    ids =
      for _ <- 1..20 do
        id = MyApp.Ids.time_ordered()
        # ids made in the same millisecond may tie
        Process.sleep(2)
        id
      end

    assert ids == Enum.sort(ids)
  end

  # No order in the name: the same shape is only a note.
  test "creates an order for each cart", attrs do
    _first = Fixtures.cart_fixture(attrs)
    Process.sleep(500) #~ test/no-sleep

    attrs_2 = Map.merge(attrs, %{items: 2})
    _second = Fixtures.cart_fixture(attrs_2)

    assert length(MyApp.Carts.orders()) == 2
  end

  # The statement between checks a call of its own: the sleep waits for the renewal.
  test "a renewed session replaces the old one in order", %{conn: conn} do
    {:ok, old} = MyApp.Sessions.renew(conn)
    Process.sleep(100) #~ test/no-sleep

    assert nil == MyApp.Sessions.fetch(conn, old)
    assert {:ok, _} = MyApp.Sessions.renew(conn)
  end
end
