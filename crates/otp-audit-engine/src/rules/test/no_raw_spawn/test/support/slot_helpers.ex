defmodule MyApp.SlotHelpers do
  @moduledoc "Test support: start a slot pool for one test and hand back its name."

  def start_slots(options) do
    {:ok, _pid} = ExUnit.Callbacks.start_supervised({MyApp.Slots, options})
    Keyword.fetch!(options, :name)
  end

  def boot_slots(options) do
    # Unlinked: the pool outlives the test that asked for it.
    {:ok, _pid} = MyApp.Slots.start(options)
    Keyword.fetch!(options, :name)
  end
end
