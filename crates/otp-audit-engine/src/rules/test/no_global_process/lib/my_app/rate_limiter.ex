defmodule MyApp.RateLimiter do
  @moduledoc "Library code: the application starts it under its module name."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: Keyword.get(opts, :name, __MODULE__))

  def hit(server \\ __MODULE__, key), do: GenServer.call(server, {:hit, key})

  @impl true
  def init(opts), do: {:ok, %{limit: Keyword.get(opts, :limit, 10), hits: %{}}}

  @impl true
  def handle_call({:hit, key}, _from, state) do
    count = Map.get(state.hits, key, 0) + 1
    reply = if count > state.limit, do: {:error, :limited}, else: :ok
    {:reply, reply, put_in(state.hits[key], count)}
  end
end
