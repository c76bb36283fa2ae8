defmodule MyApp.NotifierTelemetryTest do
  use ExUnit.Case, async: true

  alias MyApp.Notifier

  defmodule Relay do
    # Runs in the process that fires the event: the message stays with that process.
    def handle(event, _measurements, metadata, _config) do
      send(self(), {:telemetry, event, metadata})
    end
  end

  describe "with a handler that messages the emitter" do
    setup do
      on_exit(fn -> :telemetry.detach("notifier-relay") end)

      :telemetry.attach_many(
        "notifier-relay",
        [[:my_app, :notify, :start], [:my_app, :notify, :stop]],
        &Relay.handle/4,
        nil
      )
    end

    test "a delivery reports its start and stop" do
      assert :ok = Notifier.notify("ops", "disk full")
      assert_receive {:telemetry, [:my_app, :notify, :start], %{channel: "ops"}}
      assert_receive {:telemetry, [:my_app, :notify, :stop], %{channel: "ops"}}
    end
  end

  describe "with a handler that messages the test" do
    setup do
      test_pid = self()
      on_exit(fn -> :telemetry.detach("notifier-forward") end)

      :telemetry.attach( #~ test/async-global-state
        "notifier-forward",
        [:my_app, :notify, :stop],
        fn event, _measurements, metadata, _ -> send(test_pid, {:telemetry, event, metadata}) end,
        nil
      )
    end

    test "a failed delivery still reports its stop" do
      assert {:error, _} = Notifier.notify("nowhere", "disk full")
      assert_receive {:telemetry, [:my_app, :notify, :stop], %{channel: "nowhere"}}
    end
  end
end
