defmodule MyApp.TraceSenderTest do
  use ExUnit.Case, async: false

  alias MyApp.TraceSender

  setup_all do
    # A counter for the batches the sender flushes: unnamed, so nothing is left
    # registered for the next module when it goes down (reported only as the opt-in
    # info that these fixtures turn on).
    {:ok, counter} = Agent.start_link(fn -> 0 end) #~ test/start-supervised
    {:ok, worker} = GenServer.start_link(MyApp.TraceSender.Worker, :ok) #~ test/start-supervised
    # Registered under a fixed name: the next module can still find it.
    {:ok, _} = Agent.start_link(fn -> %{} end, name: MyApp.TraceBuffer) #~ test/start-supervised
    %{counter: counter, worker: worker}
  end

  test "counts flushed batches", %{counter: counter} do
    :ok = TraceSender.flush(counter, [%{id: 1}])
    assert Agent.get(counter, & &1) == 1
  end

  test "the worker answers", %{worker: worker} do
    assert GenServer.call(worker, :ping, 1_000) == :pong
  end
end
