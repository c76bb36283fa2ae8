defmodule MyApp.HeapTuner do
  @moduledoc "Tunes its own process flags and prunes its table on request."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # The handler only sets flags of its own process (refused ones are collected).
  def set_flags(flags), do: GenServer.call(__MODULE__, {:set_flags, flags}, :infinity) #~ otp/infinity-timeout

  # The handler only deletes rows of a table it owns.
  def prune(owner), do: GenServer.call(__MODULE__, {:prune, owner}, :infinity) #~ otp/infinity-timeout

  @impl GenServer
  def init(_opts), do: {:ok, %{table: :ets.new(:heap_tuner, [:set, :protected])}}

  @impl GenServer
  def handle_call({:set_flags, flags}, _from, state) do
    {set, refused} =
      Enum.flat_map_reduce(flags, [], fn {flag, value}, refused ->
        try do
          {[{flag, Process.flag(flag, value)}], refused}
        rescue
          ArgumentError -> {[], [flag | refused]}
        end
      end)

    {:reply, {:ok, set: set, refused: refused}, state}
  end

  def handle_call({:prune, owner}, _from, state) do
    {:reply, :ets.select_delete(state.table, [{{:_, owner}, [], [true]}]), state}
  end
end
