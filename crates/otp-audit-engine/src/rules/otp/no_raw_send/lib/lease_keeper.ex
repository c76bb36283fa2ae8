defmodule MyApp.LeaseKeeper do
  @moduledoc """
  A hand-written process loop: clients send `{:lease, key, ref, reply_to}` and get
  `{ref, result}` back. The replies answer the pid the request carried.
  """

  def start_link(owner), do: {:ok, spawn_link(fn -> loop(%{owner: owner, leases: %{}}) end)}

  defp loop(state) do
    receive do
      {:lease, key, ref, reply_to} ->
        if Map.has_key?(state.leases, key) do
          send(reply_to, {ref, {:error, :taken}})
          loop(state)
        else
          send(reply_to, {ref, :ok})
          loop(put_in(state.leases[key], reply_to))
        end

      {:release, key} ->
        send(state.owner, {:released, key}) #~ otp/no-raw-send
        loop(%{state | leases: Map.delete(state.leases, key)})

      {:expire, key} ->
        # The holder is not in this message: a raw notice to a pid from state.
        holder = Map.get(state.leases, key)
        send(holder, {:lease_expired, key}) #~ otp/no-raw-send
        loop(%{state | leases: Map.delete(state.leases, key)})
    end
  end
end
