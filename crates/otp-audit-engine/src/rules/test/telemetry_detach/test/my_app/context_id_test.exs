defmodule MyApp.ContextIdTest do
  use ExUnit.Case, async: false

  # The whole context map, which holds the test's name, is the handler id: no later
  # attach clashes with it, but the handler keeps running for the tests that follow.
  setup ctx do
    :telemetry.attach(ctx, [:my_app, :cleaner, :stop], &__MODULE__.handle/4, %{parent: self()}) #~ test/telemetry-detach
    :ok
  end

  def handle(_event, measurements, _meta, %{parent: pid}), do: send(pid, {:cleaned, measurements})

  test "a sweep reports what it removed" do
    MyApp.Cleaner.sweep()
    assert_receive {:cleaned, %{removed: _}}
  end
end
