defmodule Billing.RepoSwitch do
  @moduledoc """
  Lets a process choose which ledger repo its queries go to, like a dynamic repo:
  the choice is per process by design, and callers decide how long it holds.
  """

  @default_repo Billing.Repo

  def put_repo(repo) when is_atom(repo) or is_pid(repo) do
    Process.put({__MODULE__, :repo}, repo) || @default_repo
  end

  def get_repo, do: Process.get({__MODULE__, :repo}, @default_repo)

  def all(query), do: get_repo().all(query)
  def insert(changeset), do: get_repo().insert(changeset)

  # The same shape with a delete is a context to clear, judged like any other store.
  def put_region(region), do: Process.put({__MODULE__, :region}, region) #~ otp/no-process-dictionary
  def get_region, do: Process.get({__MODULE__, :region}, :eu)
  def forget_region, do: Process.delete({__MODULE__, :region})
end

defmodule Billing.SettlementBatch do
  @moduledoc "Groups settled payments per acquirer in one pass, then acknowledges each group."

  def acknowledge(payments) do
    payments
    |> Enum.reduce(%{}, &group/2)
    |> Enum.each(fn {acquirer, true} -> flush(acquirer) end)
  end

  defp group(%{acquirer: acquirer} = payment, seen) do
    key = {acquirer, :settled}
    Process.put(key, [payment | Process.get(key, [])]) #~ otp/no-process-dictionary
    Map.put(seen, acquirer, true)
  end

  # The same computed keys, read back and deleted: one decision, reported at the write.
  defp flush(acquirer) do
    settled = Process.delete({acquirer, :settled}) || []
    acquirer.acknowledge(Enum.reverse(settled))
  end
end

defmodule Billing.GatewayMarker do
  @moduledoc "A connection process that marks itself for whoever inspects it."

  def init(gateway) do
    Process.put(:"$billing_gateway", gateway)
    {:ok, %{gateway: gateway}}
  end
end
