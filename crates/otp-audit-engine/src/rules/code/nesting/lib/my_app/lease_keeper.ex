defmodule MyApp.LeaseKeeper do
  @moduledoc """
  Hands out leases and logs when they lapse. A `fn` given to Logger as a lazy
  message that only builds data (a list, a string) adds no level.
  """
  require Logger

  def release(leases, holder, reason) do
    case Map.pop(leases, holder) do
      {nil, leases} ->
        leases

      {lease, leases} ->
        if reason != :normal do
          Logger.warning(fn ->
            [
              "lease ",
              inspect(lease.id),
              " held by ",
              inspect(holder),
              " lapsed: ",
              inspect(reason)
            ]
          end)
        end

        leases
    end
  end

  def expire(leases, now, level) do
    case Enum.split_with(leases, &(&1.until < now)) do
      {[], _} ->
        leases

      {gone, kept} ->
        if level do
          Logger.log(level, fn -> "#{length(gone)} leases expired at #{now}" end)
        end

        kept
    end
  end

  # A branch inside the message: the `fn` given to Enum.map is a real level.
  def expire_verbose(leases, now) do
    case Enum.split_with(leases, &(&1.until < now)) do
      {[], _} ->
        leases

      {gone, kept} ->
        if gone != [] do
          Logger.info(fn ->
            ["expired: " | Enum.map(gone, fn lease -> inspect(lease.id) end)] #~ code/nesting
          end)
        end

        kept
    end
  end
end
