defmodule MyApp.ShardRouter do
  @moduledoc """
  Hands out one of a fixed set of named shard processes. The answer is computed
  from the state at once: a counter, a name built with `Module.concat/1` by a
  public helper, and a registry lookup.
  """

  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  def pick(router), do: GenServer.call(router, :pick) #~ otp/call-timeout

  def shard_name(prefix, index), do: Module.concat([prefix, "Shard#{index}"])

  @impl true
  def init(opts), do: {:ok, %{prefix: opts[:prefix], size: opts[:size]}}

  @impl true
  def handle_call(:pick, _from, state) do
    index = rem(System.unique_integer([:positive]), state.size)
    pid = state.prefix |> shard_name(index) |> Process.whereis()
    {:reply, pid, state}
  end
end

defmodule MyApp.ShardBalancer do
  @moduledoc "Its helper names a shard the same way, then asks it: a wait."

  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  def rebalance(balancer), do: GenServer.call(balancer, :rebalance) #~ otp/call-timeout

  def ask_shard(prefix, index) do
    GenServer.call(Module.concat([prefix, "Shard#{index}"]), :rebalance, 1_000)
  end

  @impl true
  def init(opts), do: {:ok, %{prefix: opts[:prefix], size: opts[:size]}}

  @impl true
  def handle_call(:rebalance, _from, state) do
    {:reply, ask_shard(state.prefix, 0), state}
  end
end
