defmodule MediaKit.TranscoderTest do
  use ExUnit.Case, async: false

  setup do
    ref = :telemetry_test.attach_event_handlers(self(), [[:media_kit, :transcode, :stop]])
    on_exit(fn -> :telemetry.detach(ref) end)
    %{ref: ref}
  end

  test "a queued upload is transcoded", %{ref: ref} do
    MediaKit.Transcoder.enqueue("upload-1")
    assert_receive {[:media_kit, :transcode, :stop], ^ref, _measurements, %{id: "upload-1"}}, 1_000
  end

  test "stats count finished jobs" do
    MediaKit.Transcoder.enqueue("upload-2")
    Process.sleep(100) #~ test/no-sleep
    assert %{done: done} = GenServer.call(MediaKit.Transcoder, :stats, 1_000)
    assert done >= 1
  end
end
