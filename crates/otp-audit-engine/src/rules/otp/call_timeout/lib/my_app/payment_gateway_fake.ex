defmodule MyApp.Payments.GatewayFake do
  @moduledoc """
  Stands in for the card processor in tests and on developer machines
  (`config :my_app, :gateway, MyApp.Payments.GatewayFake`). Tests seed the charges
  it should answer with and read back what was sent.
  """
  use GenServer

  def start_link(_opts), do: GenServer.start_link(__MODULE__, %{}, name: MyApp.Payments)

  def seed(charges), do: GenServer.call(MyApp.Payments, {:seed, charges})

  def sent_charges, do: GenServer.call(MyApp.Payments, :sent_charges)

  def charge(card, amount), do: GenServer.call(MyApp.Payments, {:charge, card, amount}, 1_000)

  @impl true
  def init(state), do: {:ok, Map.put(state, :sent, [])}

  @impl true
  def handle_call({:seed, charges}, _from, state), do: {:reply, :ok, Map.put(state, :charges, charges)}

  def handle_call(:sent_charges, _from, state), do: {:reply, Enum.reverse(state.sent), state}

  def handle_call({:charge, card, amount}, _from, state) do
    reply = Map.get(state.charges, card, {:ok, "ch_test"})
    {:reply, reply, %{state | sent: [{card, amount} | state.sent]}}
  end
end

defmodule MyApp.Payments.Gateway do
  @moduledoc "The real client: the call waits on the processor's HTTP round trip."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def charge(card, amount), do: GenServer.call(__MODULE__, {:charge, card, amount}) #~ otp/call-timeout

  @impl true
  def init(opts), do: {:ok, opts}

  @impl true
  def handle_call({:charge, card, amount}, _from, opts) do
    {:reply, MyApp.Http.post(opts[:url], %{card: card, amount: amount}), opts}
  end
end
