defmodule Shop.CartServer do
  @moduledoc "One process per open cart."
  use GenServer

  def start_link(user_id) do
    GenServer.start(__MODULE__, user_id, name: via(user_id)) #~ otp/unsupervised-start
  end

  # The unlinked variant of the module's own API: its callers decide about supervision.
  def start(user_id) do
    GenServer.start(__MODULE__, user_id)
  end

  def start_link_legacy(user_id) do
    :gen_server.start(__MODULE__, user_id, []) #~ otp/unsupervised-start
  end

  def totals_cache do
    Agent.start(fn -> %{} end, name: Shop.Totals) #~ otp/unsupervised-start
  end

  defp via(user_id), do: {:via, Registry, {Shop.CartRegistry, user_id}}

  @impl true
  def init(user_id), do: {:ok, %{user_id: user_id, items: []}}

  @impl true
  def handle_cast({:add, item}, state) do
    Task.start(fn -> Shop.Analytics.track(:added, item) end) #~ otp/unsupervised-start
    {:noreply, %{state | items: [item | state.items]}}
  end
end

defmodule Shop.Totals do
  @moduledoc "An Agent whose start_link forgot to link."

  def start_link(_arg) do
    Agent.start(fn -> %{} end, name: __MODULE__) #~ otp/unsupervised-start
  end

  def start_link(arg, opts) do
    Task.start(Shop.Totals.Loader, :run, [arg, opts]) #~ otp/unsupervised-start
  end
end
