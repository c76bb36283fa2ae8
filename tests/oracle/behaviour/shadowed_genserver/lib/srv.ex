defmodule Oracle.Srv do
  @moduledoc "A call facade with a fixed timeout; only call/2 exists."

  def call(server, request), do: :gen_server.call(server, request, 2_000)
end
