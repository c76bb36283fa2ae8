defmodule MyApp.FanoutHub do
  @moduledoc "Cross-node fan-out: one relay per node, started under this supervisor."
  use Supervisor

  def start_link(name), do: Supervisor.start_link(__MODULE__, name, name: :"#{name}_sup")

  # The relay below, defined in this file, handles `{:relay_local, ...}`.
  def relay_to(name, node, topic, payload) do
    send({relay_name(name), node}, {:relay_local, topic, payload})
    :ok
  end

  # No clause of the relay receives this one: reported.
  def reset(name, node) do
    send({relay_name(name), node}, {:relay_reset, name}) #~ otp/no-raw-send
    :ok
  end

  @impl true
  def init(name) do
    children = [{MyApp.FanoutHub.Relay, relay_name(name)}]
    Supervisor.init(children, strategy: :one_for_one)
  end

  defp relay_name(name), do: :"#{name}_relay"
end

defmodule MyApp.FanoutHub.Relay do
  @moduledoc false
  use GenServer

  def start_link(name), do: GenServer.start_link(__MODULE__, name, name: name)

  @impl true
  def init(name), do: {:ok, name}

  @impl true
  def handle_info({:relay_local, topic, payload}, name) do
    MyApp.LocalTopics.deliver(name, topic, payload)
    {:noreply, name}
  end

  def handle_info(_other, name), do: {:noreply, name}
end
