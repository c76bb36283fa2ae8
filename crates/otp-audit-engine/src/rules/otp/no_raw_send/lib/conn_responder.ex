defmodule MyApp.Web.ConnResponder do
  # Sends a response through the adapter and, as Plug.Conn does, tells the owner
  # that it went out.
  @already_sent {:plug_conn, :sent}

  def respond(%{adapter: {adapter, payload}, owner: owner} = conn, status, body) do
    {:ok, _body, payload} = adapter.send_resp(payload, status, [], body)
    owner && send(owner, @already_sent)
    %{conn | adapter: {adapter, payload}, state: :sent}
  end

  def flush(%{owner: owner} = conn) do
    send(owner, {:plug_conn, :flushed}) #~ otp/no-raw-send
    conn
  end
end
