defmodule MyApp.BanListTest do
  # `MyApp.BanList` runs in the test process and reads the clock: the sleeps let the
  # ban run out, which is what the tests are about. Nothing here is another process.
  use ExUnit.Case, async: true

  alias MyApp.BanList

  setup do
    %{table: BanList.new(:bans)}
  end

  test "a ban ends", %{table: table} do
    BanList.ban(table, :client, ban_for: 20)
    assert BanList.banned?(table, :client)
    Process.sleep(30)
    refute BanList.banned?(table, :client)
  end

  test "a ban lasts its whole length" do
    table = BanList.new(:long_bans) |> BanList.ban(:client, ban_for: 1_000)
    Process.sleep(5)
    assert BanList.banned?(table, :client)
  end
end
