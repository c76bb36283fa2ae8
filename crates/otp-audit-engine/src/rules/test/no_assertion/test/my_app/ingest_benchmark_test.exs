defmodule MyApp.IngestBenchmarkTest do
  use ExUnit.Case, async: false

  alias MyApp.Ingest

  # Timings, not verdicts: each of these is run by hand with `mix test --only benchmark`.
  @tag :benchmark
  @tag timeout: :infinity
  # batch sizes from the production dashboards
  test "batch insert" do
    batches = for size <- [10, 100, 1_000], do: Ingest.Fixtures.events(size)

    Benchee.run(%{"insert" => fn -> Enum.each(batches, &Ingest.insert_all/1) end},
      time: 3
    )
  end

  @tag benchmark: true
  test "decode" do
    payload = Ingest.Fixtures.payload(5_000)
    for _ <- 1..1_000, do: Ingest.decode(payload)
  end

  test "encode throughput" do
    events = Ingest.Fixtures.events(1_000)
    BencheeAsync.run(%{"encode" => fn -> Ingest.encode(events) end}, time: 2)
  end

  describe "router benchmark" do
    test "10k rules" do
      rules = Ingest.Fixtures.rules(10_000)
      Ingest.Router.build(rules)
    end
  end

  describe "rules tree" do
    @describetag :benchmark

    test "building" do
      Ingest.Router.build(Ingest.Fixtures.rules(1_000))
    end
  end

  # A tag that is not a benchmark's does not excuse a test that checks nothing.
  @tag :slow
  test "replays the archive" do #~ test/no-assertion
    Ingest.replay(Ingest.Fixtures.archive())
  end
end
