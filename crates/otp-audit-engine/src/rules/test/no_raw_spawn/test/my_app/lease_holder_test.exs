defmodule MyApp.LeaseHolderTest do
  use ExUnit.Case, async: true

  alias MyApp.Leases

  setup do
    {:ok, leases: start_supervised!(Leases)}
  end

  test "a lease is freed when its holder exits", %{leases: leases} do
    parent = self()

    holder =
      spawn(fn ->
        {:ok, lease} = Leases.acquire(leases, :nightly_job)
        send(parent, {:holding, lease})

        receive do
          :release -> :ok
        end
      end)

    assert_receive {:holding, _lease}
    assert {:error, :taken} = Leases.acquire(leases, :nightly_job)

    send(holder, :release)
    eventually(fn -> assert {:ok, _} = Leases.acquire(leases, :nightly_job) end)
  end

  test "a renewal with a timeout of its own returns", %{leases: leases} do
    holder =
      spawn_link(fn ->
        :ok = Leases.renew(leases, :nightly_job, timeout: 1_000)

        receive do
          :stop -> :ok
        end
      end)

    send(holder, :stop)
    eventually(fn -> assert Leases.holders(leases) == [] end)
  end

  test "a holder that serves the lease table never gets to its receive", %{leases: leases} do
    holder =
      spawn(fn -> #~ test/no-raw-spawn
        Leases.serve(leases)

        receive do
          :stop -> :ok
        end
      end)

    send(holder, :stop)
    eventually(fn -> assert Leases.holders(leases) == [] end)
  end

  test "a renewal that waits forever", %{leases: leases} do
    holder =
      spawn(fn -> #~ test/no-raw-spawn
        :ok = Leases.renew(leases, :nightly_job, timeout: :infinity)

        receive do
          :stop -> :ok
        end
      end)

    send(holder, :stop)
    eventually(fn -> assert Leases.holders(leases) == [] end)
  end

  test "a report sent before the call says nothing about its return", %{leases: leases} do
    parent = self()

    holder =
      spawn(fn -> #~ test/no-raw-spawn
        send(parent, :waiting)
        {:ok, _lease} = Leases.await_free(leases, :nightly_job)

        receive do
          :stop -> :ok
        end
      end)

    assert_receive :waiting
    send(holder, :stop)
  end

  defp eventually(check, attempts \\ 50) do
    check.()
  rescue
    error in ExUnit.AssertionError ->
      if attempts == 0, do: reraise(error, __STACKTRACE__)
      Process.sleep(10)
      eventually(check, attempts - 1)
  end
end
