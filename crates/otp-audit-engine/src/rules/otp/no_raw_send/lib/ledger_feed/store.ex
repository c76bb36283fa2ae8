# fixture: needs the project
defmodule MyApp.LedgerFeed.Store do
  @moduledoc "The storage behaviour behind the ledger feed."

  @doc """
  Subscribe `subscriber` to new entries of `account`.

  Every entry appended afterwards reaches the subscriber as an
  `{:entries, entries}` message; nothing needs to be acknowledged.
  """
  @callback subscribe(account :: String.t(), subscriber :: pid) :: :ok | {:error, term}

  @doc "Append entries to an account."
  @callback append(account :: String.t(), entries :: [map]) :: :ok
end
