defmodule MyApp.BanListTest do
  use ExUnit.Case, async: true

  defp bans, do: [%{ip: "10.0.0.1", until: 10}, %{ip: "10.0.0.2", until: 20}]

  test "every ban has an address and an end" do
    # The function asserts on each ban: all? visits them all, only the spelling is off.
    Enum.all?(bans(), fn ban -> #~ code/unused-operation
      assert is_binary(ban.ip)
      assert ban.until > 0
    end)
  end

  test "no ban is already over" do
    # any? stops at the first passing assert: the second ban is never checked.
    Enum.any?(bans(), fn ban -> #~ code/unused-operation
      assert ban.until > 5
    end)
  end

  test "a check that ends in a comparison is still a missing assertion" do
    Enum.all?(bans(), fn ban -> #~ code/unused-operation
      assert is_binary(ban.ip)
      ban.until > 0
    end)
  end
end
