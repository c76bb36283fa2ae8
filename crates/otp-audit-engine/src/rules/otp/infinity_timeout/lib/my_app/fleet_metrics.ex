defmodule MyApp.FleetMetrics do
  @moduledoc "Collects gauges from every registered agent process, one at a time."
  use GenServer
  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # The handler's own calls are bounded (a caught 2 s call per agent): the message
  # says so instead of claiming it waits for good.
  def gauges, do: GenServer.call(__MODULE__, :gauges, :infinity) #~ otp/infinity-timeout

  @impl true
  def init(opts), do: {:ok, %{agents: Keyword.get(opts, :agents, [])}}

  @impl true
  def handle_call(:gauges, _from, state) do
    gauges =
      state.agents
      |> Enum.map(&gauge_of/1)
      |> Enum.reject(&is_nil/1)

    {:reply, gauges, state}
  end

  defp gauge_of(agent) do
    GenServer.call(agent, :gauge, 2_000)
  catch
    :exit, reason ->
      Logger.warning("no gauge from #{inspect(agent)}: #{inspect(reason)}")
      nil
  end
end
