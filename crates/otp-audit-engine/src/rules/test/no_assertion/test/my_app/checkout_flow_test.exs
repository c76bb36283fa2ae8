defmodule MyApp.CheckoutFlowTest do
  use ExUnit.Case, async: true

  # A stand-in payment gateway whose callbacks check what the checkout sends it. It
  # runs linked to the test, so a failed assertion here fails the test.
  defmodule CheckingGateway do
    use GenServer
    import ExUnit.Assertions

    def start_link(expected), do: GenServer.start_link(__MODULE__, expected)

    @impl true
    def init(expected), do: {:ok, expected}

    @impl true
    def handle_call({:charge, cents, currency}, _from, expected) do
      assert cents == expected.cents
      assert currency == "EUR"
      {:reply, {:ok, "ch_1"}, expected}
    end
  end

  # A gateway that only answers: starting it checks nothing.
  defmodule SilentGateway do
    use GenServer

    def start_link(_), do: GenServer.start_link(__MODULE__, nil)

    @impl true
    def init(nil), do: {:ok, nil}

    @impl true
    def handle_call({:charge, _cents, _currency}, _from, state), do: {:reply, {:ok, "ch_2"}, state}
  end

  test "charges the cart total in euros" do
    gateway = start_supervised!({CheckingGateway, %{cents: 1250}})
    MyApp.Checkout.pay(%{total_cents: 1250, currency: "EUR"}, gateway)
  end

  test "pays through any gateway" do #~ test/no-assertion
    gateway = start_supervised!(SilentGateway)
    MyApp.Checkout.pay(%{total_cents: 990, currency: "EUR"}, gateway)
  end
end
