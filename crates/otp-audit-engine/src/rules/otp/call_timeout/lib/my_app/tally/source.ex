defmodule MyApp.Tally.Source do
  use GenServer

  alias MyApp.Tally.Counters

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  def totals(server), do: GenServer.call(server, :totals) #~ otp/call-timeout

  def reset(server), do: GenServer.call(server, :reset) #~ otp/call-timeout

  # This function is intended for test purposes only
  @spec put_owner(GenServer.server(), term()) :: :ok
  def put_owner(server, owner), do: GenServer.call(server, {:put_owner, owner})

  @impl true
  def init(opts), do: {:ok, %{owner: Keyword.fetch!(opts, :owner), rate: Counters.sample_rate()}}

  @impl true
  def handle_call(:totals, _from, state), do: {:reply, Counters.totals(state.owner), state}
  def handle_call(:reset, _from, state), do: {:reply, Counters.reset(state.owner), state}
  def handle_call({:put_owner, owner}, _from, state), do: {:reply, :ok, %{state | owner: owner}}
end
