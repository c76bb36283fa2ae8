defmodule MyApp.StaleJobsTest do
  use ExUnit.Case, async: true

  alias MyApp.Jobs

  setup do
    %{queue: MyApp.Fixtures.queue()}
  end

  test "jobs older than the cut-off are marked stale", %{queue: queue} do
    {:ok, old} = Jobs.enqueue(queue, :resize)
    Process.sleep(1_500)
    {:ok, fresh} = Jobs.enqueue(queue, :resize)
    Jobs.mark_stale(queue, 1, :second)

    assert Jobs.status(old) == :stale
    assert Jobs.status(fresh) == :queued
  end

  test "a sleep shorter than the cut-off waits for something else", %{queue: queue} do
    {:ok, job} = Jobs.enqueue(queue, :resize)
    Process.sleep(200) #~ test/no-sleep
    Jobs.mark_stale(queue, 1_000, :millisecond)
    assert Jobs.status(job) == :queued
  end

  test "a signer that has just expired is refused", %{queue: queue} do
    expires = DateTime.utc_now() |> DateTime.add(1, :second)
    signer = MyApp.Certs.signer(queue, not_after: expires)
    Process.sleep(1_200)
    assert {:error, :expired} = MyApp.Certs.verify(signer)
  end

  test "a signer still valid for a while is not outlasted", %{queue: queue} do
    expires = DateTime.utc_now() |> DateTime.add(5, :second)
    signer = MyApp.Certs.signer(queue, not_after: expires)
    Process.sleep(1_200) #~ test/no-sleep
    assert {:ok, _} = MyApp.Certs.verify(signer)
  end
end
