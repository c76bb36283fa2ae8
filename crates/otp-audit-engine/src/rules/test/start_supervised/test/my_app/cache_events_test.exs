defmodule MyApp.CacheEventsTest do
  use ExUnit.Case, async: false

  @prefix [:my_app, :orders_cache, :cache]

  test "command events carry the prefix" do
    event = @prefix ++ [:command, :stop]
    :telemetry.attach("cache-events", event, &__MODULE__.relay/4, self())
    :telemetry.execute([:my_app, :orders_cache, :cache, :command, :stop], %{}, %{})
    assert_received {:event, ^event}
    :telemetry.detach("cache-events")
  end

  test "the audit cache is not running by default" do
    assert Process.whereis(:audit_cache) == nil
  end

  def relay(event, _measurements, _metadata, pid), do: send(pid, {:event, event})
end
