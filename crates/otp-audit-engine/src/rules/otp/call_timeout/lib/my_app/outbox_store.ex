defmodule MyApp.OutboxStore do
  @moduledoc "Keeps each owner's sent messages in a table the server owns."
  use GenServer

  @table :my_app_outbox

  def start_link(opts \\ []), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def push(owner, message) do
    GenServer.call(__MODULE__, {:push, owner, message}) #~ otp/call-timeout
  end

  def archive(owner) do
    GenServer.call(__MODULE__, {:archive, owner}) #~ otp/call-timeout
  end

  @impl true
  def init(_opts) do
    :ets.new(@table, [:named_table, :set, :protected])
    {:ok, %{}}
  end

  @impl true
  def handle_call({:push, owner, message}, _from, state) do
    existing =
      case :ets.lookup(@table, owner) do
        [{^owner, messages}] -> messages
        [] -> []
      end

    :ets.insert(@table, {owner, [message | existing]})
    send(owner, {:pushed, message})
    {:reply, :ok, state}
  end

  # Waits on another server: the caller's 5 s budget is spent there too.
  def handle_call({:archive, owner}, _from, state) do
    messages = :ets.lookup(@table, owner)
    reply = GenServer.call(MyApp.Archive, {:store, owner, messages}) #~ otp/call-timeout
    {:reply, reply, state}
  end
end
