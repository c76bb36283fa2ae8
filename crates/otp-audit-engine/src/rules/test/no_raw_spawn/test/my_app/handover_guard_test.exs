defmodule MyApp.HandoverGuardTest do
  use ExUnit.Case, async: true

  alias MyApp.Uploads

  # The path check fails first: the pid only fills the `is_pid/1` guard.
  test "handing over an unknown path is refused" do
    result = Uploads.hand_over("/no/such/file", spawn(fn -> :ok end))
    assert result == {:error, :unknown_path}
  end

  test "handing over to a finished process is refused" do
    {:ok, path} = Uploads.random_file("report")
    result = Uploads.hand_over(path, spawn(fn -> :ok end))  #~ test/no-raw-spawn
    assert result == {:error, :process_not_alive}
  end

  test "handing over to a finished process fails somehow" do
    {:ok, path} = Uploads.random_file("report")
    assert {:error, _} = Uploads.hand_over(path, spawn(fn -> :ok end))  #~ test/no-raw-spawn
  end
end
