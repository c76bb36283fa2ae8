defmodule MyApp.ExporterTest do
  use ExUnit.Case

  test "reports a missing output path" do
    MyApp.Exporter.run("missing_dir")
    assert_received {:mix_shell, :error, ["The output path \"missing_dir\" does not exist"]}
  end
end

defmodule MyApp.Exporter.QueueTest do
  use ExUnit.Case

  test "the exporter drains its queue" do
    assert :ok = MyApp.Exporter.run("priv")
  end
end
