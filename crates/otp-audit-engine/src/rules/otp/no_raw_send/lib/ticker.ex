defmodule MyApp.Ticker do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, opts}

  # The client half of this module's own protocol: handle_info/2 below takes it.
  def tick(server, at), do: send(server, {:tick, at})

  # No clause of this module takes a `{:poke, _}`.
  def poke(server), do: send(server, {:poke, 1}) #~ otp/no-raw-send

  @impl true
  def handle_info({:tick, at}, state), do: {:noreply, [at | state]}
  def handle_info(_msg, state), do: {:noreply, state}
end
