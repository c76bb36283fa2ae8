defmodule MyApp.ExpiryScheduler do
  @moduledoc "Starts one short-lived reminder task per lease; each task sleeps until its lease ends."
  use GenServer
  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def schedule(lease), do: GenServer.call(__MODULE__, {:schedule, lease}, 5_000)

  @impl true
  def init(opts), do: {:ok, %{supervisor: Keyword.fetch!(opts, :supervisor)}}

  @impl true
  def handle_call({:schedule, lease}, _from, state) do
    # The fn runs in the task the supervisor starts from this child spec; its sleep
    # holds that task, not this server.
    {:ok, pid} =
      DynamicSupervisor.start_child(state.supervisor, %{
        id: lease.id,
        restart: :transient,
        start: {Task, :start_link, [fn ->
          Process.sleep(lease.ttl_ms)
          MyApp.Leases.expire(lease.id)
        end]}
      })

    {:reply, {:ok, pid}, state}
  end

  @impl true
  def handle_cast({:extend, lease}, state) do
    # A list of functions in the server's own code runs here: this sleep blocks it.
    Enum.each([fn -> Process.sleep(lease.grace_ms) end], & &1.()) #~ otp/blocking-in-callback
    {:noreply, state}
  end
end
