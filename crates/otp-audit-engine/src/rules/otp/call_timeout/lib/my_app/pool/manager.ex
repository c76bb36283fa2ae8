defmodule MyApp.Pool.Manager do
  @moduledoc "Keeps a tenant pool's settings and answers questions about them."
  use GenServer
  import MyApp.Pool.Ids, only: [id: 2]
  alias MyApp.Pool.{Health, Ids}

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def config(manager), do: GenServer.call(manager, :config) #~ otp/call-timeout

  def health(manager), do: GenServer.call(manager, :health) #~ otp/call-timeout

  @impl true
  def init(opts), do: {:ok, %{id: Keyword.fetch!(opts, :id), mode: :session, db: Keyword.get(opts, :db)}}

  # Built from the state with pure functions of another module, and a record
  # accessor: answered at once.
  @impl true
  def handle_call(:config, _from, state) do
    config = %{key: Ids.tenant_key(state.id), label: Ids.label(state.id), user: id(state.id, :user), mode: state.mode}
    {:reply, config, state}
  end

  # Another module's function that calls a process: the answer waits for it.
  def handle_call(:health, _from, state) do
    {:reply, Health.check(state.db), state}
  end
end
