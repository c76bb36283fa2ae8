defmodule MyApp.EnvFunctionTelemetryTest do
  use ExUnit.Case, async: true

  # ExUnit compiles each test into a function of its own name, so an id taken from
  # `__ENV__.function` is as unique as `context.test`.
  test "the handler id comes from the test function's name" do
    {test_name, _arity} = __ENV__.function
    parent = self()

    :telemetry.attach(to_string(test_name), [:my_app, :checkout, :paid], fn _, _, meta, _ ->
      if meta.order_id == 7, do: send(parent, {:paid, meta})
    end, nil)

    MyApp.Checkout.pay(%{id: 7})
    assert_receive {:paid, %{order_id: 7}}
    :telemetry.detach(to_string(test_name))
  end

  test "the handler id is the inspected test function" do
    handler_id = inspect(__ENV__.function)
    parent = self()
    :telemetry.attach(handler_id, [:my_app, :checkout, :paid], fn _, _, meta, _ -> send(parent, meta) end, nil)
    MyApp.Checkout.pay(%{id: 8})
    assert_receive %{order_id: 8}
    :telemetry.detach(handler_id)
  end

  test "a literal id is still shared with every concurrent test" do
    {_test_name, _arity} = __ENV__.function
    parent = self()
    :telemetry.attach("paid-orders", [:my_app, :checkout, :paid], fn _, _, meta, _ -> send(parent, meta) end, nil) #~ test/async-global-state
    MyApp.Checkout.pay(%{id: 9})
    assert_receive %{order_id: 9}
    :telemetry.detach("paid-orders")
  end
end
