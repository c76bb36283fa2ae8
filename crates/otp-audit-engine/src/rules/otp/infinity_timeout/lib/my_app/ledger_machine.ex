defmodule MyApp.LedgerMachine do
  @moduledoc """
  A state machine that postpones requests while it replays its journal. Its
  clients wait `:infinity`; `balance/2` lets the caller choose.
  """
  @behaviour :gen_statem

  def start_link(opts), do: :gen_statem.start_link({:local, __MODULE__}, __MODULE__, opts, [])

  def child_spec(opts), do: %{id: __MODULE__, start: {__MODULE__, :start_link, [opts]}}

  def post(entry), do: GenStateMachine.call(__MODULE__, {:post, entry}, :infinity) #~ otp/infinity-timeout

  def balance(account, timeout \\ 5_000), do: GenStateMachine.call(__MODULE__, {:balance, account}, timeout)

  def forward(node, entry), do: relay(node, entry)

  defp relay(node, entry), do: GenStateMachine.call({__MODULE__, node}, {:post, entry}, :infinity) #~ otp/infinity-timeout

  @impl true
  def callback_mode, do: :handle_event_function

  @impl true
  def init(_opts), do: {:ok, :replaying, %{entries: []}, [{:next_event, :internal, :replay}]}

  @impl true
  def handle_event(:internal, :replay, :replaying, data), do: {:next_state, :ready, data}
  def handle_event({:call, _from}, _request, :replaying, _data), do: {:keep_state_and_data, :postpone}

  def handle_event({:call, from}, {:post, entry}, :ready, data) do
    {:keep_state, %{data | entries: [entry | data.entries]}, [{:reply, from, :ok}]}
  end

  def handle_event({:call, from}, {:balance, _account}, :ready, data) do
    {:keep_state_and_data, [{:reply, from, length(data.entries)}]}
  end
end
