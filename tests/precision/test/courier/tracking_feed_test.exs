defmodule Courier.TrackingFeedTest do
  use ExUnit.Case, async: true

  setup context do
    handler_id = {__MODULE__, context.test}
    test_pid = self()

    :telemetry.attach(
      handler_id,
      [:courier, :scan, :accepted],
      fn _event, _measurements, %{parcel_id: id}, _config -> send(test_pid, {:accepted, id}) end,
      nil
    )

    on_exit(fn -> :telemetry.detach(handler_id) end)
    :ok
  end

  test "accepted scans reach the test's handler" do
    parcel_id = System.unique_integer([:positive])
    :telemetry.execute([:courier, :scan, :accepted], %{count: 1}, %{parcel_id: parcel_id, depot: :north})
    assert_received {:accepted, ^parcel_id}
  end

  test "a dashboard subscribes with its own handler", %{test: test_name} do
    :telemetry.attach(test_name, [:courier, :scan, :rejected], &__MODULE__.forward/4, self())
    on_exit(fn -> :telemetry.detach(test_name) end)

    :telemetry.execute([:courier, :scan, :rejected], %{count: 1}, %{parcel_id: test_name})
    assert_received {:rejected, ^test_name}
  end

  test "the replay flag is scoped to the block" do
    refute Courier.ScanTrace.replay?()
    assert Courier.ScanTrace.replaying(&Courier.ScanTrace.replay?/0)
    refute Courier.ScanTrace.replay?()
  end

  test "scans of a closed depot are rejected" do
    previous = Application.get_env(:courier, :closed_depots, [])
    Application.put_env(:courier, :closed_depots, [:south]) #~ test/async-global-state

    try do
      assert {:error, :depot_closed} = Courier.Scans.accept(%{parcel_id: 1, depot: :south})
    after
      Application.put_env(:courier, :closed_depots, previous)
    end
  end

  test "a printer configured for this module only" do
    Application.put_env(:courier, __MODULE__.Printer, width: 80)
    assert Courier.LabelBatch.prepare([], __MODULE__.Printer) == {__MODULE__.Printer, []}
  end

  def forward(_event, _measurements, %{parcel_id: id}, pid), do: send(pid, {:rejected, id})
end
