# fixture: needs the project
defmodule MyApp.LedgerFeed.Memory do
  # The in-memory store: each subscription gets a relay process, and appended entries
  # go to every relay of the account in the format the behaviour documents.
  @behaviour MyApp.LedgerFeed.Store

  alias MyApp.LedgerFeed.Memory.Relay

  @impl true
  def subscribe(_account, subscriber) do
    {:ok, _relay} = DynamicSupervisor.start_child(MyApp.LedgerFeed.Relays, Relay.child_spec(subscriber))
    :ok
  end

  @impl true
  def append(_account, _entries), do: :ok

  def publish(%{relay: relay} = subscription, entry) do
    send(relay, {:entries, [entry]})
    subscription
  end

  def rewind(%{relay: relay}, to) do
    # The relay takes this one too, but no behaviour documents it: a client function
    # of the relay is the place for it.
    send(relay, {:rewind, to}) #~ otp/no-raw-send
  end
end
