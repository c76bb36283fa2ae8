defmodule MyApp.Dev.StatusPlug do
  @moduledoc "Shows the last compile's output."

  def call(conn, capture) do
    Map.put(conn, :compile_output, MyApp.Dev.Capture.lines(capture))
  end
end
