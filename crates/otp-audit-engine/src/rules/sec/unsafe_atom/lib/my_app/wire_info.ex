defmodule MyApp.WireInfo do
  @moduledoc "Parses the INFO frame a broker sends when a client connects."

  # The frame's JSON comes from the broker this client chose to connect to, and
  # nothing here shows it is request data: not reported by default.
  def parse(["INFO", json]) do
    {:info, Jason.decode!(json, keys: :atoms)}
  end

  # Near miss: a request's body is outside input.
  def from_webhook(conn, body) do
    _ = conn
    Jason.decode(body, keys: :atoms) #~ sec/unsafe-atom
  end
end
