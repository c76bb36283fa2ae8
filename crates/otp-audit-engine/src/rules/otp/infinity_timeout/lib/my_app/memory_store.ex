defmodule MyApp.MemoryStore do
  @moduledoc "A node store backed by an agent holding a map, for small deployments."

  defstruct [:agent, :path]

  def open(path) do
    with {:ok, pid} <- Agent.start_link(fn -> {%{}, 0} end) do
      {:ok, %__MODULE__{agent: pid, path: path}}
    end
  end

  # The agent only computes on its map: it answers at once.
  def put(%__MODULE__{agent: agent}, node) do
    Agent.get_and_update(
      agent,
      fn {nodes, next} -> {next, {Map.put(nodes, next, node), next + 1}} end,
      :infinity #~ otp/infinity-timeout
    )
  end

  def count(%__MODULE__{agent: agent}), do: Agent.get(agent, &map_size(elem(&1, 0)), :infinity) #~ otp/infinity-timeout

  # Writing the file inside the agent: the wait is bounded by the disk (info).
  def flush(%__MODULE__{agent: agent, path: path}) do
    Agent.get(agent, fn {nodes, _} -> File.write!(path, :erlang.term_to_binary(nodes)) end, :infinity) #~ otp/infinity-timeout
  end

  # Asking another process from inside the agent: that process may never answer.
  def owner(%__MODULE__{agent: agent}) do
    Agent.get(agent, fn {nodes, _} -> MyApp.Registry.owner_of(map_size(nodes)) end, :infinity) #~ otp/infinity-timeout
  end
end
