defmodule MyApp.ReplicaCompareTest do
  use ExUnit.Case, async: true

  test "each replica holds what the primary wrote" do
    results = [MyApp.Replica.read(:a), MyApp.Replica.read(:b)]
    expected = [:one, :two]

    # Zipping three lists for the checks inside: `Enum.each/2` alone would take the
    # lists themselves, so the advice zips first.
    Enum.zip_with([results, expected, 0..1], fn [result, want, i] -> #~ code/unused-operation
      assert result == want
      assert MyApp.Replica.index(result) == i
    end)

    Enum.zip_with(results, expected, fn result, want -> send(self(), {:compared, result == want}) end) #~ code/unused-operation
  end
end
