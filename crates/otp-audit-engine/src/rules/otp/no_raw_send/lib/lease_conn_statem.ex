defmodule MyApp.LeaseConnStatem do
  @moduledoc "A pooled connection lent to one client at a time."
  @behaviour :gen_statem

  def start_link(opts), do: :gen_statem.start_link(__MODULE__, opts, [])

  def checkout(conn, sock), do: :gen_statem.call(conn, {:checkout, sock, self()}, 5_000)

  @impl true
  def callback_mode, do: :handle_event_function

  @impl true
  def init(opts), do: {:ok, :idle, %{settings: Keyword.get(opts, :settings, %{}), client: nil, watchers: []}}

  @impl true
  # The client that asks for the connection is told its settings as part of the
  # checkout: the pid came with the call it is blocked in.
  def handle_event({:call, from}, {:checkout, sock, client}, :idle, data) do
    send(client, {:conn_settings, data.settings})
    {:next_state, :lent, %{data | client: {client, sock}}, {:reply, from, :ok}}
  end

  def handle_event(:cast, {:watch, watcher}, _state, data) do
    send(watcher, {:conn_watched, data.settings})
    {:keep_state, %{data | watchers: [watcher | data.watchers]}}
  end

  # A pid that came in a plain message is not a caller: the notice is a raw send.
  def handle_event(:info, {:ping, from_pid}, _state, data) do
    send(from_pid, {:conn_state, data.settings}) #~ otp/no-raw-send
    :keep_state_and_data
  end
end
