defmodule Payments.Testing.GatewayCase do
  @moduledoc "Test helpers shipped with the library for apps that charge cards."

  alias Payments.Testing.{FakeGateway, Recorder}

  def start_gateway(opts \\ []) do
    {:ok, sup} = ExUnit.fetch_test_supervisor()
    {:ok, _} = Supervisor.start_child(sup, {Recorder, owner: self()})
    FakeGateway.start_link(Keyword.put(opts, :owner, self()))
  end
end
