defmodule MediaKit.FixtureRunnerTest do
  use ExUnit.Case, async: false

  import ExUnit.CaptureIO

  test "the runner reports the slowest fixture test" do
    defmodule SlowFixtureTest do
      use ExUnit.Case

      test "takes a while" do
        Process.sleep(15)
      end
    end

    output = capture_io(fn -> ExUnit.run() end)
    assert output =~ "1 test, 0 failures"
  end

  test "use MediaKit.Pipeline compiles with no stages" do
    defmodule EmptyPipeline do
      use MediaKit.Pipeline
    end
  end
end
