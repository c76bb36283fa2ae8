defmodule MyApp.StoppedPeerTest do
  use ExUnit.Case

  test "the survivors notice a stopped peer" do
    peers =
      for i <- 1..3 do
        {:ok, beat} = MyApp.Beat.start_link(id: i, interval: 100)
        %{id: i, beat: beat}
      end

    :ok = GenServer.stop(Enum.at(peers, 1).beat)
    Process.sleep(500) #~ test/no-sleep
    assert MyApp.Beat.alive_ids(Enum.at(peers, 0).beat) == [1, 3]
  end

  test "a supervised peer comes back" do
    start_supervised!({MyApp.BeatSupervisor, size: 3})
    [_, second | _] = MyApp.BeatSupervisor.beats()
    :ok = GenServer.stop(second)
    Process.sleep(500) #~ test/no-sleep
    assert length(MyApp.BeatSupervisor.beats()) == 3
  end
end
