defmodule MyApp.UploadSlot do
  @moduledoc "One upload in progress; its requests are namespaced by @prefix."
  use GenServer

  @prefix :my_app

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  # The handlers of these three answer from the state: info, not a warning.
  def ping(pid), do: GenServer.call(pid, {@prefix, :ping}) #~ otp/call-timeout
  def entries(pid), do: GenServer.call(pid, {@prefix, :entries}) #~ otp/call-timeout
  def release(pid, org), do: GenServer.call(pid, {@prefix, :release, org}) #~ otp/call-timeout

  # Replies, then stops: the caller has its answer before the server goes.
  def finish(pid), do: GenServer.call(pid, :finish) #~ otp/call-timeout
  def close(pid), do: GenServer.call(pid, :close) #~ otp/call-timeout

  # Stops without replying: the caller exits with the server's reason.
  def abort(pid), do: GenServer.call(pid, :abort) #~ otp/call-timeout

  # Its handler asks the store: a real wait.
  def persist(pid), do: GenServer.call(pid, {@prefix, :persist}) #~ otp/call-timeout

  @impl true
  def init(opts), do: {:ok, %{entries: [], store: opts[:store], slots: %{}}}

  @impl true
  def handle_call({@prefix, :ping}, _from, state), do: {:reply, :ok, state}
  def handle_call({@prefix, :entries}, _from, state), do: {:reply, state.entries, state}
  def handle_call({@prefix, :release, org}, _from, state), do: {:reply, :ok, drop_slot(org, state)}
  def handle_call({@prefix, :persist}, _from, state), do: {:reply, MyApp.Store.save(state.store, state.entries), state}
  def handle_call(:finish, _from, state), do: {:stop, :normal, :ok, state}

  def handle_call(:close, from, state) do
    GenServer.reply(from, :ok)
    {:stop, {:shutdown, :closed}, state}
  end

  def handle_call(:abort, _from, state), do: {:stop, :aborted, state}

  defp drop_slot(org, state) do
    {_slot, state} = pop_in(state, [:slots, org])
    state
  end
end

defmodule MyApp.SpoolSlot do
  @moduledoc "Replies with its stop, but gen_server runs terminate/2 (a flush to the store) first."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def finish(pid), do: GenServer.call(pid, :finish) #~ otp/call-timeout

  @impl true
  def init(opts), do: {:ok, %{store: opts[:store], entries: []}}

  @impl true
  def handle_call(:finish, _from, state), do: {:stop, :normal, :ok, state}

  @impl true
  def terminate(_reason, state), do: MyApp.Store.save(state.store, state.entries)
end
