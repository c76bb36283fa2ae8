defmodule MyApp.LeaseTable do
  @moduledoc "Hands out leases on keys and tells each holder when its lease lapses."
  use GenServer

  defmodule Lease do
    defstruct [:holder, :ref, :key]
  end

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts), do: {:ok, %{leases: %{}, watchers: %{}, auditor: opts[:auditor]}}

  @impl true
  def handle_info(:expire_all, state) do
    revoke_all(state.leases, :expired)
    warn_all(state.leases)
    ping_watchers(state.watchers)
    {:noreply, %{state | leases: %{}}}
  end

  def handle_info(_other, state), do: {:noreply, state}

  # The holder is taken apart from the loop element in the loop's body.
  defp revoke_all(leases, why) do
    for {_key, %Lease{} = lease} <- leases do
      %Lease{holder: holder, ref: ref} = lease
      Process.send(holder, {:lease_revoked, ref, why}, [])
    end

    :ok
  end

  defp warn_all(leases) do
    for {_key, lease} <- leases do
      holder = lease.holder
      send(holder, {:lease_warning, lease.key})
    end
  end

  # The pid is a part of the generator's pattern.
  defp ping_watchers(watchers) do
    for {_name, {pid, _mref}} <- watchers, do: send(pid, {:lease_ping, self()})
  end

  def expire_each(holders, why) do
    Enum.each(holders, fn %{pid: pid, ref: ref} -> send(pid, {:lease_expired, ref, why}) end)
  end

  # One pid from state: a single receiver, which could have a client function.
  def audit(state, key), do: send(state.auditor, {:lease_audit, key}) #~ otp/no-raw-send

  # Taken apart before the loop: the same holder for every element.
  def remind_first(leases) do
    %Lease{holder: holder} = hd(leases)
    for lease <- leases, do: send(holder, {:lease_listed, lease.key}) #~ otp/no-raw-send
  end
end
