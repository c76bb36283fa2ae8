# fixture: needs the project (the failure check reads lib/my_app/event_queue.ex and lib/my_app/event_batch.ex)
defmodule MyApp.EventQueueTest do
  use ExUnit.Case, async: true

  test "a known event is handled" do
    assert %{status: :ok, data: "signup"} = MyApp.EventQueue.handle(%{data: "event:signup", status: :ok})
  end

  test "an unknown event fails its message" do
    assert %{status: {:failed, {:unsupported, "ping"}}} =
             MyApp.EventQueue.handle(%{data: "ping", status: :ok})
  end

  test "a failed message is acknowledged as failed" do
    ref = make_ref()
    :ok = MyApp.EventQueue.push(ref, ["ping"])
    assert_receive {:ack, ^ref, [], [failed]}
    assert failed.data == "ping"
  end
end

defmodule MyApp.EventBatchTest do #~ test/no-assertion
  use ExUnit.Case, async: true

  test "a batch of known events is handled" do
    assert %{status: :ok} = MyApp.EventBatch.handle(["event:signup", "event:login"])
  end
end
