defmodule MyApp.QueueStats.Server do
  @moduledoc "Serves the per-queue counters that MyApp.QueueStats.Counters keeps in ETS."
  use GenStage

  def start_link, do: GenStage.start_link(__MODULE__, :ok, name: __MODULE__)

  # The handler reads ETS through the counters module, whose `all/1` converts the
  # prefix with `to_charlist/1` and selects: it answers at once (info).
  def all(prefix \\ ""), do: GenServer.call(__MODULE__, {:all, prefix}) #~ otp/call-timeout

  @impl true
  def init(:ok), do: {:consumer, %{}, subscribe_to: [MyApp.Events]}

  @impl true
  def handle_call({:all, prefix}, _from, state) do
    {:reply, MyApp.QueueStats.Counters.all(prefix), [], state}
  end

  @impl true
  def handle_events(events, _from, state) do
    Enum.each(events, &MyApp.QueueStats.Counters.bump(&1.queue))
    {:noreply, [], state}
  end
end
