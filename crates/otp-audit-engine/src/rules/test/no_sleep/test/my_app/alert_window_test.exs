defmodule MyApp.AlertWindowTest do
  use ExUnit.Case, async: false

  alias MyApp.Alerts

  describe "rate limiting" do
    @tag alert_config: [rate_limiting: [max_events: 2, interval: 150]]
    test "drops a third alert until the window passes", %{alert_config: config} do
      ref = Alerts.listen(config, self())
      Alerts.raise_alert("first")
      assert_receive {^ref, "first"}
      Alerts.raise_alert("second")
      assert_receive {^ref, "second"}
      Alerts.raise_alert("third")
      refute_receive {^ref, _}, 50

      # The window is the subject: wait it out, then the next alert goes through.
      Process.sleep(150)
      Alerts.raise_alert("fourth")
      assert_receive {^ref, "fourth"}
    end
  end

  describe "delivery" do
    @tag alert_config: [rate_limiting: [max_events: 2, interval: 150]]
    test "an alert reaches the pager", %{alert_config: config} do
      ref = Alerts.listen(config, self())
      Alerts.raise_alert("disk full")
      # Nothing in this test's name is about the window: a guess at delivery time.
      Process.sleep(150) #~ test/no-sleep
      assert Alerts.delivered(ref) == ["disk full"]
    end
  end
end
