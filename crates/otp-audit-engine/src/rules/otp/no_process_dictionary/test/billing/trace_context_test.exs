defmodule Billing.TraceContextTest do
  use ExUnit.Case, async: true

  alias Billing.TraceContext

  test "a message without a trace starts one" do
    trace = TraceContext.start_from(%{trace: nil})
    assert TraceContext.current() == trace
  end
end
