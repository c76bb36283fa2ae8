defmodule MyApp.PauseList do
  @moduledoc """
  Games a moderator paused, each until a time. Paused games skip the broadcast.
  """
  use GenServer

  @table :paused_games

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def paused?(game), do: GenServer.call(__MODULE__, {:paused?, game}) #~ otp/call-timeout

  def pause(game, minutes), do: GenServer.call(__MODULE__, {:pause, game, minutes}) #~ otp/call-timeout

  @impl true
  def init(_opts) do
    :ets.new(@table, [:named_table, :set, :protected])
    {:ok, %{}}
  end

  @impl true
  def handle_call({:paused?, game}, _from, state) do
    case :ets.lookup(@table, game) do
      [{^game, until}] -> {:reply, Timex.before?(Timex.now(), until), state}
      [] -> {:reply, false, state}
    end
  end

  # A local time asks the zone database.
  def handle_call({:pause, game, minutes}, _from, state) do
    until = Timex.shift(Timex.local(), minutes: minutes)
    :ets.insert(@table, {game, until})
    {:reply, :ok, state}
  end
end
