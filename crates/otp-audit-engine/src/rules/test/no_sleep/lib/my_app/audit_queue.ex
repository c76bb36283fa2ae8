defmodule MyApp.AuditQueue do
  @moduledoc "A queue whose pushes are casts: the server records them later."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, [], Keyword.take(opts, [:name]))
  def push(server, entry), do: GenServer.cast(server, {:push, entry})
  def entries(server), do: GenServer.call(server, :entries, 5_000)

  # Looks as plain as `push/2` in a test, but hands the entry to the mailer.
  def push_and_mail(server, entry) do
    push(server, entry)
    MyApp.Mailer.deliver_later(entry)
  end

  @impl true
  def init(entries), do: {:ok, entries}

  @impl true
  def handle_cast({:push, entry}, entries), do: {:noreply, [entry | entries]}

  @impl true
  def handle_call(:entries, _from, entries), do: {:reply, Enum.reverse(entries), entries}
end
