defmodule MyApp.CredentialRefreshTest do
  use ExUnit.Case, async: true

  alias MyApp.CredentialWorker

  test "a refresh picks up the rotated file", %{tmp_dir: dir} do
    path = Path.join(dir, "token")
    File.write!(path, "first")
    {:ok, pid} = CredentialWorker.start_link(path: path, refresh_interval: 50)
    File.write!(path, "second")

    assert 0..4
           |> Enum.map(fn _ ->
             Process.sleep(50) #~ test/no-sleep
             {:ok, token} = CredentialWorker.token(pid)
             token
           end)
           |> Enum.any?(&(&1 == "second"))
  end

  test "every round is kept and compared", %{tmp_dir: dir} do
    path = Path.join(dir, "token")
    File.write!(path, "first")
    {:ok, pid} = CredentialWorker.start_link(path: path, refresh_interval: 50)
    File.write!(path, "second")

    # Near miss: the rounds are compared whole, not searched for a match.
    assert Enum.map([1, 2, 3], fn _ ->
             Process.sleep(50) #~ test/no-sleep
             CredentialWorker.token(pid)
           end) == [{:ok, "second"}, {:ok, "second"}, {:ok, "second"}]
  end
end
