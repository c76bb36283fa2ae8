defmodule MyApp.ReportBuilderTest do
  use ExUnit.Case, async: true

  alias MyApp.ReportBuilder

  setup do
    rows = [%{name: " a ", amount: 1, region: :eu}]
    Map.new(rows, &{&1.name, &1}) #~ code/unused-operation
    %{rows: rows}
  end

  setup context do
    Map.merge(context, %{separator: ","})
  end

  test "lines are trimmed", %{rows: rows} do
    String.trim(" a ") #~ code/unused-operation
    assert ReportBuilder.to_line(hd(rows)) == "a,1"
  end

  # ExUnit ignores the value of the test body: checks must be assertions.
  test "every row has a region", %{rows: rows} do
    Enum.map(rows, &assert(&1.region)) #~ code/unused-operation
  end

  test "piped checks", %{rows: rows} do
    rows |> Enum.map(&assert(&1.amount > 0)) #~ code/unused-operation
  end

  test "keyword form", %{rows: rows}, do: Enum.map(rows, &refute(is_nil(&1.name))) #~ code/unused-operation

  describe "totals" do
    test "sums amounts", %{rows: rows} do
      assert Enum.sum(Enum.map(rows, & &1.amount)) == 1
      total = Enum.reduce(rows, 0, &(&1.amount + &2))
      assert total == 1
    end
  end

  defp names(rows) do
    Enum.map(rows, & &1.name)
  end
end
