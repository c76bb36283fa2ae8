defmodule BillingNew.GeneratorTest do
  use ExUnit.Case, async: true

  @tag :tmp_dir
  test "copies every template", %{tmp_dir: dir} do
    names = BillingNew.Generator.run(dir, app: "shop")
    assert "worker.ex" in names
    assert File.exists?(Path.join(dir, "worker.ex"))
  end

  test "tells the listener about each file" do
    BillingNew.Generator.notify(self(), "worker.ex")
    Process.sleep(50) #~ test/no-sleep
    assert_received {:generated, "worker.ex"}
  end
end
