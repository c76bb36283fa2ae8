defmodule MyApp.ProbeRegistrationTest do
  use ExUnit.Case, async: true
  import ExUnit.CaptureLog

  test "the monitor logs the registered name of a busy process" do
    log =
      capture_log(fn ->
        Task.async(fn ->
          # Only this file names ProbeWorker.
          Process.register(self(), ProbeWorker)
          Logger.warning("busy #{inspect(Process.info(self(), :registered_name))}")
        end)
        |> Task.await()
      end)

    assert log =~ "ProbeWorker"
  end

  test "a name that lib code looks up is shared" do
    Task.async(fn ->
      Process.register(self(), MyApp.Settings) #~ test/async-global-state
      :ok
    end)
    |> Task.await()

    assert Process.whereis(MyApp.Settings) == nil
  end
end
