defmodule MyApp.TenantConnection do
  @moduledoc "One per tenant; it migrates the tenant's database after init/1 returns."
  use GenServer

  alias MyApp.TenantMigrations

  def start_link(tenant), do: GenServer.start_link(__MODULE__, tenant, name: {:global, {__MODULE__, tenant}})

  # Answered from the state, but meant to wait while the migrations run.
  def ready?(pid), do: GenServer.call(pid, :ready?) #~ otp/call-timeout

  @impl true
  def init(tenant), do: {:ok, %{tenant: tenant, ready: false}, {:continue, :provision}}

  @impl true
  def handle_continue(:provision, state) do
    :ok = TenantMigrations.run_migrations(state.tenant)
    {:noreply, %{state | ready: true}}
  end

  @impl true
  def handle_call(:ready?, _from, state), do: {:reply, state.ready, state}
end

defmodule MyApp.TenantLabel do
  @moduledoc "Its continue only names the tenant with a module of its own: no wait."
  use GenServer

  def start_link(tenant), do: GenServer.start_link(__MODULE__, tenant, name: {:global, {__MODULE__, tenant}})

  def label(pid), do: GenServer.call(pid, :label) #~ otp/call-timeout

  @impl true
  def init(tenant), do: {:ok, %{tenant: tenant, label: nil}, {:continue, :name}}

  @impl true
  def handle_continue(:name, state), do: {:noreply, %{state | label: MyApp.TenantNames.label_for(state.tenant)}}

  @impl true
  def handle_call(:label, _from, state), do: {:reply, state.label, state}
end
