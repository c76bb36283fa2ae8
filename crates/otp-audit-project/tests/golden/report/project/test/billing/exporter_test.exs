defmodule Billing.ExporterTest do
  use ExUnit.Case

  test "exports rows" do
    Billing.Exporter.export_async(["a"], "/tmp/out.csv")
    Process.sleep(20)
  end
end
