defmodule MyApp.Wire.Envelope do
  @moduledoc """
  The internal message of the pipeline runtime, an Erlang record: its format is
  declared once, here, like a struct's.
  """

  require Record

  Record.defrecord(:envelope, __MODULE__, kind: nil, body: nil, meta: [])

  def deliver(pid, kind, body, meta \\ []) do
    send(pid, envelope(kind: kind, body: body, meta: meta))
    :ok
  end

  def deliver_later(pid, kind, body, delay) do
    msg = envelope(kind: kind, body: body)
    Process.send_after(pid, msg, delay)
  end

  def ping(pid) do
    # A plain tuple, not the record: reported.
    send(pid, {:ping, self()}) #~ otp/no-raw-send
    :ok
  end
end
