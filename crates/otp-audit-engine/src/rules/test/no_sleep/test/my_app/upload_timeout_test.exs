defmodule MyApp.UploadTimeoutTest do
  use ExUnit.Case, async: true

  import Plug.Conn

  setup do
    %{port: MyApp.TestEndpoint.start_for_test(__MODULE__)}
  end

  # The plug gives up on the body after 10 ms and answers with what it has.
  def partial_upload(conn) do
    {:more, "A", conn} = read_body(conn, read_timeout: 10)
    send_resp(conn, 200, "partial")
  end

  test "reading the upload stops at the timeout option", context do
    client = MyApp.StreamClient.connect(context.port)
    MyApp.StreamClient.send_headers(client, "/partial_upload")
    MyApp.StreamClient.send_chunk(client, "A")
    # Outlasts the plug's 10 ms read timeout on purpose.
    Process.sleep(50)
    MyApp.StreamClient.send_chunk(client, "BC")
    assert MyApp.StreamClient.response(client) == {200, "partial"}
    Process.sleep(100) #~ test/no-sleep
  end
end
