defmodule MyApp.StagedJobs do #~ otp/genserver-callbacks
  @moduledoc "Jobs run by a feeder and a pool of consumers, started together."
  use GenServer

  def start_link(opts \\ []), do: init(opts)

  def init(opts \\ []) do
    {:ok, feeder} = MyApp.StagedJobs.Feeder.start_link(opts[:name])
    {:ok, _pool} = MyApp.StagedJobs.Pool.start_link(feeder: feeder)
    {:ok, feeder}
  end

  def stop(feeder) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    MyApp.StagedJobs.Feeder.drain_and_stop(feeder)
  end
end
