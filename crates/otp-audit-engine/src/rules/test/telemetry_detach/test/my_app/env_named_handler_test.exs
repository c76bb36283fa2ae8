defmodule MyApp.ImportTelemetryTest do
  use ExUnit.Case, async: true

  test "reports each imported batch" do
    parent = self()
    {test_name, _arity} = __ENV__.function

    # The id is the test's own function name: no other test attaches it, but the
    # handler stays attached after this test ends.
    :telemetry.attach(to_string(test_name), [:my_app, :import, :batch], fn _event, measurements, _meta, _ ->  #~ test/telemetry-detach
      send(parent, {:batch, measurements.count})
    end, nil)

    MyApp.Import.run([1, 2, 3])
    assert_receive {:batch, 3}
  end

  test "reports a failed import" do
    parent = self()
    handler_id = "import-failures"

    # A fixed id: the next attach of it fails while this handler is still attached.
    :telemetry.attach(handler_id, [:my_app, :import, :failed], fn _e, _m, meta, _ ->  #~ test/telemetry-detach
      send(parent, {:failed, meta.reason})
    end, nil)

    MyApp.Import.run(:bad_input)
    assert_receive {:failed, :invalid}
  end
end
