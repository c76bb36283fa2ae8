defmodule MyApp.DemandGate do
  @moduledoc """
  A producer that is closed for new consumers. It speaks GenStage's subscription
  protocol by hand: there is no GenStage function for refusing a subscription.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{upstream: Keyword.fetch!(opts, :upstream)}}

  @impl true
  def handle_info({:"$gen_producer", {consumer, ref}, {:subscribe, _current, _opts}}, state) do
    send(consumer, {:"$gen_consumer", {self(), ref}, {:cancel, :gate_closed}})
    send(MyApp.GateMonitor, {:refused, consumer}) #~ otp/no-raw-send
    {:noreply, state}
  end

  def handle_info({:"$gen_producer", _from, {:ask, _demand}}, state), do: {:noreply, state}

  def handle_info({:forward, msg}, state) do
    send(state.upstream, {:"$gen_cast", {:relay, msg}})
    {:noreply, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}
end
