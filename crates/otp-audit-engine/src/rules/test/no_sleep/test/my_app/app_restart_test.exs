defmodule MyApp.AppRestartTest do
  use ExUnit.Case

  test "the daemon starts with the application" do
    Application.put_all_env(my_app: [port: 4022])
    assert :ok == Application.start(:my_app)
    assert {:ok, _} = MyApp.Shell.run("1 + 1")

    assert :ok == Application.stop(:my_app)
    Application.put_all_env(my_app: [])
    Process.sleep(25) #~ test/no-sleep
  end

  # Near miss: a stop that returns before the work ends.
  test "the shell closes its session" do
    {:ok, session} = MyApp.Shell.open()
    MyApp.Shell.close_async(session)
    Process.sleep(25) #~ test/no-sleep
  end
end
