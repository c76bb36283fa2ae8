defmodule Shop.Store.TestStore do
  @moduledoc false

  # An in-memory implementation of the Shop.Store protocol, for test purposes only:
  # the suite uses it to avoid the file system.

  defstruct agent: nil

  def create do
    with {:ok, pid} <- Agent.start_link(fn -> %{} end) do
      {:ok, %__MODULE__{agent: pid}}
    end
  end
end

defimpl Shop.Store, for: Shop.Store.TestStore do
  def put(%{agent: agent}, key, value), do: Agent.update(agent, &Map.put(&1, key, value), :infinity)
  def get(%{agent: agent}, key), do: Agent.get(agent, &Map.get(&1, key), :infinity)
  def close(%{agent: agent}), do: Agent.stop(agent)
end
