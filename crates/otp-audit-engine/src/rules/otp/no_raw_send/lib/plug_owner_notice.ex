defmodule MyApp.Web.LoopbackAdapter do
  # A Plug adapter that answers in memory. Plug's adapter contract has it tell the
  # connection's owner `{:plug_conn, :sent}` once the response is out.
  @behaviour Plug.Conn.Adapter
  @sent {:plug_conn, :sent}

  defstruct [:owner, :sink]

  @impl Plug.Conn.Adapter
  def send_resp(%__MODULE__{} = payload, status, headers, body) do
    Agent.update(payload.sink, &[{status, headers, body} | &1])
    send(payload.owner, @sent)
    {:ok, body, payload}
  end

  def trace(%__MODULE__{} = payload, event) do
    send(payload.owner, {:plug_conn, :trace, event}) #~ otp/no-raw-send
    payload
  end
end
