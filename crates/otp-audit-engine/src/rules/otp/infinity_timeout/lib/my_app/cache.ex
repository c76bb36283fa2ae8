defmodule MyApp.Cache do
  @moduledoc "An Agent-backed cache with the Agent calls in one place."
  use Agent

  def start_link(_opts), do: Agent.start_link(fn -> %{} end, name: __MODULE__)

  def get(key) do
    Agent.get(__MODULE__, &Map.get(&1, key), :infinity) #~ otp/infinity-timeout
  end

  def put(key, value) do
    Agent.update(__MODULE__, &Map.put(&1, key, value), :infinity) #~ otp/infinity-timeout
  end

  def pop(key) do
    Agent.get_and_update(__MODULE__, &Map.pop(&1, key), :infinity) #~ otp/infinity-timeout
  end

  def size, do: Agent.get(__MODULE__, Kernel, :map_size, [], :infinity) #~ otp/infinity-timeout

  def keys, do: Agent.get(__MODULE__, &Map.keys/1, 1_000)
end
