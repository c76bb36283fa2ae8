# fixture: needs the project (the failure check reads lib/my_app/label_printer.ex)
defmodule MyApp.LabelPrinterTest do #~ test/no-assertion
  use ExUnit.Case, async: true

  test "puts the address on the label" do
    label = MyApp.LabelPrinter.layout(%{address: "1 Quay St", weight_grams: 250})
    assert IO.iodata_to_binary(label) =~ "1 Quay St"
  end
end
