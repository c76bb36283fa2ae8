defmodule MyApp.DrainClient do
  @moduledoc """
  Asks a worker to drain before it stops. The drain may take as long as the caller's
  `timeout`, which travels in the request.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  # The worker drains for up to `timeout`, but the caller waits only 5 s.
  def drain(worker, timeout \\ nil) do
    GenServer.call(worker, {:drain, timeout}) #~ otp/call-timeout
  end

  # A timeout argument not sent in the request, answered at once: the info note and its fix.
  def status(worker, _timeout) do
    GenServer.call(worker, :status) #~ otp/call-timeout
  end

  @impl true
  def init(opts), do: {:ok, %{jobs: opts[:jobs] || [], drain_timeout: 30_000}}

  @impl true
  def handle_call({:drain, timeout}, _from, state) do
    deadline = timeout || state.drain_timeout
    Enum.each(state.jobs, &MyApp.Jobs.finish(&1, deadline))
    {:reply, :ok, %{state | jobs: []}}
  end

  def handle_call(:status, _from, state) do
    {:reply, length(state.jobs), state}
  end
end
