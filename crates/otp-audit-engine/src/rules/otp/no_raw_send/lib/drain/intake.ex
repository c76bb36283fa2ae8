# fixture: needs the project
defmodule MyApp.Drain.Intake do
  # An intake stage. Once told to stop, it flushes what it holds and confirms to the
  # gatekeeper, which is inside its own terminate/2 and cannot answer a call.
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  @impl true
  def init(opts), do: {:ok, %{gatekeeper: opts[:gatekeeper], buffer: [], auditor: opts[:auditor]}}

  @impl true
  def handle_info(:stop_intake, state) do
    flush(state.buffer)

    if pid = GenServer.whereis(state.gatekeeper) do
      send(pid, {:drained, self()})
    end

    {:noreply, %{state | buffer: []}}
  end

  def handle_info(:audit, state) do
    # A generic tag that no pinned clause waits for stays reported, and so does the
    # right tag without the sender's pid.
    if pid = GenServer.whereis(state.auditor) do
      send(pid, {:ok, self()}) #~ otp/no-raw-send
      send(pid, {:drained, length(state.buffer)}) #~ otp/no-raw-send
    end

    {:noreply, state}
  end

  defp flush(_buffer), do: :ok
end
