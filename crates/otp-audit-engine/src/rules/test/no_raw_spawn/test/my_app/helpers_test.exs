defmodule MyApp.HelpersTest do
  use ExUnit.Case

  defp start_echo do
    # Helpers are not test bodies; otp/no-raw-spawn covers lib.
    spawn(fn -> receive do: ({from, msg} -> send(from, msg)) end)
  end

  test "a fn given to a helper is reported without a fix" do
    MyApp.Retry.run(fn -> spawn(fn -> MyApp.Echo.loop() end) end) #~ test/no-raw-spawn
    assert is_pid(start_echo())
  end
end
