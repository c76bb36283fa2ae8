defmodule MyApp.LeaseElectionTest do
  use ExUnit.Case, async: true

  alias MyApp.LeaseElection

  setup do
    config = LeaseElection.config(lease_ttl: 80, name: :elections)
    {:ok, config: config}
  end

  test "the leader renews its lease before the lease runs out", %{config: config} do
    leader = start_supervised!({LeaseElection, config: config})
    assert LeaseElection.leader?(leader)

    # Past a quarter of the lease: the leader has renewed once by now.
    Process.sleep(div(config.lease_ttl, 4) + 1)

    assert LeaseElection.leader?(leader)
  end

  test "a field that no option of the file sets is a guess", %{config: config} do
    leader = start_supervised!({LeaseElection, config: config})
    LeaseElection.step_down(leader)
    Process.sleep(config.settle_ms) #~ test/no-sleep
    refute LeaseElection.leader?(leader)
  end
end
