defmodule MyApp.CheckoutTelemetryTest do
  use ExUnit.Case, async: true

  setup context do
    handler_id = {__MODULE__, context.test}
    parent = self()

    :telemetry.attach_many(
      handler_id,
      [[:my_app, :checkout, :start], [:my_app, :checkout, :stop]],
      fn event, measurements, _meta, _config -> send(parent, {:telemetry, event, measurements}) end,
      nil
    )

    on_exit(fn -> :telemetry.detach(handler_id) end)
    :ok
  end

  test "a ref makes the handler id unique" do
    ref = make_ref()
    parent = self()
    :telemetry.attach(ref, [:my_app, :checkout, :paid], fn _, _, meta, _ -> send(parent, {:paid, meta}) end, nil)
    MyApp.Checkout.pay(%{id: 1})
    assert_receive {:paid, %{order_id: 1}}
    :telemetry.detach(ref)
  end

  test "the test name is the id", %{test: test_name} do
    :telemetry.attach(test_name, [:my_app, :checkout, :failed], &__MODULE__.forward/4, self())
    on_exit(fn -> :telemetry.detach(test_name) end)
    MyApp.Checkout.pay(%{id: :bad})
    assert_receive {:event, [:my_app, :checkout, :failed]}
  end

  test "a fixed id collides with concurrent tests" do
    :telemetry.attach("checkout-refunds", [:my_app, :checkout, :refund], &__MODULE__.forward/4, self()) #~ test/async-global-state
    on_exit(fn -> :telemetry.detach("checkout-refunds") end)
    MyApp.Checkout.refund(%{id: 1})
    assert_receive {:event, _}
  end

  test "an env key of the test's own", ctx do
    gateway = Module.concat(__MODULE__, ctx.test)
    Application.put_env(:my_app, gateway, mode: :sandbox)
    assert MyApp.Checkout.mode(gateway) == :sandbox
  end

  test "an env key named after this module" do
    Application.put_env(:my_app, __MODULE__.Gateway, mode: :sandbox)
    :persistent_term.put({__MODULE__, :rates}, %{eur: 1.0})
    assert MyApp.Checkout.mode(__MODULE__.Gateway) == :sandbox
  end

  test "restored in try/after" do
    previous = Application.get_env(:my_app, :currency)
    Application.put_env(:my_app, :currency, :usd) #~ test/async-global-state

    try do
      assert MyApp.Checkout.currency() == :usd
    after
      Application.put_env(:my_app, :currency, previous)
    end
  end

  test "restored in the test's own after" do
    Application.put_env(:my_app, :tax_mode, :inclusive) #~ test/async-global-state
    assert MyApp.Checkout.tax_mode() == :inclusive
  after
    Application.delete_env(:my_app, :tax_mode)
  end

  def forward(event, _measurements, _meta, pid), do: send(pid, {:event, event})

  test "a fixed id on an event only this file names meets no other test" do
    # Nothing else attaches "checkout-probe" or emits [:checkout_probe, :ping]: the
    # tests of this module, which run one at a time, are the only ones that could.
    parent = self()
    :telemetry.attach("checkout-probe", [:checkout_probe, :ping], fn _, m, _, _ -> send(parent, m) end, nil)
    :telemetry.execute([:checkout_probe, :ping], %{n: 1}, %{})
    assert_receive %{n: 1}
    :telemetry.detach("checkout-probe")
  end

  test "a fixed id another test file attaches too" do
    parent = self()
    :telemetry.attach("flags", [:checkout_probe, :pong], fn _, m, _, _ -> send(parent, m) end, nil) #~ test/async-global-state
    :telemetry.execute([:checkout_probe, :pong], %{n: 2}, %{})
    assert_receive %{n: 2}
    :telemetry.detach("flags")
  end

  test "an event only the attach names comes from code other tests run too" do
    parent = self()
    # The repo's query events take their name from the repo module.
    :telemetry.attach("repo-probe", [:my_app, :repo, :query], fn _, _, meta, _ -> send(parent, meta) end, nil) #~ test/async-global-state
    MyApp.Repo.all(MyApp.Order)
    assert_received %{source: "orders"}
    :telemetry.detach("repo-probe")
  end
end
