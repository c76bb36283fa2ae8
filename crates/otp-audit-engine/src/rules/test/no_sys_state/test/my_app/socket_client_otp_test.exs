defmodule MyApp.SocketClientOtpTest do
  use ExUnit.Case, async: true

  alias MyApp.SocketClient

  describe "OTP compliance" do
    # The client is a special process that answers `:sys` itself: that it still does
    # while connecting is the subject, read through the status its `format_status/2`
    # builds.
    test "answers system messages while connecting" do
      {:ok, pid} = SocketClient.start_link(url: "ws://localhost:1", connect: :async)
      {:status, ^pid, _mod, [_pdict, _sys, _parent, _dbg, data]} = :sys.get_status(pid)
      assert {"Connection Status", :connecting} in data[:data]
    end
  end

  # Near miss: the status read for a field of the state, in a test about something else.
  test "remembers the url" do
    {:ok, pid} = SocketClient.start_link(url: "ws://localhost:1")
    {:status, _, _, [_, _, _, _, data]} = :sys.get_status(pid) #~ test/no-sys-state
    assert data[:data][:url] == "ws://localhost:1"
  end
end
