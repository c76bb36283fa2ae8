defmodule Shop.OrderJobRunner do
  # Runs one order job and stops. Its only caller, Shop.OrderWorker, keeps the pid,
  # traps exits and takes the runner's {:EXIT, ...}: a helper the worker owns.
  use GenServer

  def run_link(job, worker), do: GenServer.start_link(__MODULE__, {job, worker})

  @impl true
  def init({job, worker}), do: {:ok, %{job: job, worker: worker}, {:continue, :run}}

  @impl true
  def handle_continue(:run, state) do
    :ok = Shop.Orders.process(state.job)
    {:stop, :normal, state}
  end
end

defmodule Shop.OrderWorker do
  use GenServer

  def start_link(queue), do: GenServer.start_link(__MODULE__, queue)

  @impl true
  def init(queue) do
    Process.flag(:trap_exit, true)
    {:ok, %{queue: queue, runner: nil}}
  end

  @impl true
  def handle_cast({:run, job}, state) do
    {:ok, runner} = Shop.OrderJobRunner.run_link(job, self())
    {:noreply, %{state | runner: runner}}
  end

  @impl true
  def handle_info({:EXIT, runner, reason}, %{runner: runner} = state) do
    Shop.Queue.done(state.queue, reason)
    {:noreply, %{state | runner: nil}}
  end

  def handle_info(_msg, state), do: {:noreply, state}
end

defmodule Shop.ReportRunner do
  # Stops itself too, but a plain function also calls it and drops the pid: reported.
  use GenServer

  def run_link(report), do: GenServer.start_link(__MODULE__, report) #~ otp/unsupervised-start

  @impl true
  def init(report), do: {:ok, report, {:continue, :run}}

  @impl true
  def handle_continue(:run, report) do
    Shop.Reports.render(report)
    {:stop, :normal, report}
  end
end

defmodule Shop.Reports.Nightly do
  def kick_off(report) do
    Shop.ReportRunner.run_link(report)
    :ok
  end
end
