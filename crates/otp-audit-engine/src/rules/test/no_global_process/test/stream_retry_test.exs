defmodule MyApp.Ingest.StreamRetryTest do
  use ExUnit.Case, async: true

  import Mox

  alias MyApp.Ingest.Uploader

  setup :verify_on_exit!

  describe "when the connection process is gone" do
    test "a send retries on a new stream" do
      # The fake exits with :noproc, as a call into a dead connection does.
      expect(MyApp.GrpcMock, :send_request, fn _stream, _chunk ->
        GenServer.call(Gone, {:stream_body, make_ref(), "data"})
      end)

      expect(MyApp.GrpcMock, :send_request, fn stream, _chunk -> stream end)

      assert :ok = Uploader.append_rows([%{id: 1}])
    end

    test "ending the stream retries too" do
      stub(MyApp.GrpcMock, :end_stream, fn _stream ->
        GenServer.call(Gone, {:stream_body, make_ref(), :eof})
      end)

      assert {:error, :closed} = Uploader.finish()
    end
  end

  # A fake that talks to the application's real, shared uploader is shared state.
  test "a fake that asks the running uploader" do
    expect(MyApp.GrpcMock, :send_request, fn stream, _chunk ->
      GenServer.call(Uploader, :current_stream) #~ test/no-global-process
      stream
    end)

    assert :ok = Uploader.append_rows([%{id: 2}])
  end
end
