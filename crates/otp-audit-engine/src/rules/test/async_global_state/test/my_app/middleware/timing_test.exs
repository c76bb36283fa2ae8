defmodule MyApp.Middleware.TimingTest do
  use ExUnit.Case, async: true

  defmodule Client do
    def get(url), do: MyApp.Middleware.Timing.call(%{url: url}, fn _ -> %{status: 200} end)
  end

  def forward(event, measurements, meta, pid), do: send(pid, {:event, event, measurements, meta})

  # Only this file drives the middleware that emits these events, so no test running
  # at the same time can fire them.
  test "a fetch emits start and stop" do
    :telemetry.attach("timing start", [:my_app, :fetch, :start], &__MODULE__.forward/4, self())
    :telemetry.attach("timing stop", [:my_app, :fetch, :stop], &__MODULE__.forward/4, self())
    Client.get("/items")
    assert_received {:event, [:my_app, :fetch, :start], _, _}
    assert_received {:event, [:my_app, :fetch, :stop], _, %{status: 200}}
  after
    :telemetry.detach("timing start")
    :telemetry.detach("timing stop")
  end

  # The cache events come from code that other modules' tests run too.
  test "a cache hit is counted" do
    :telemetry.attach("timing cache hit", [:my_app, :cache, :hit], &__MODULE__.forward/4, self()) #~ test/async-global-state
    MyApp.CacheEvents.hit(:items)
    assert_received {:event, [:my_app, :cache, :hit], %{count: 1}, _}
  after
    :telemetry.detach("timing cache hit")
  end
end
