defmodule MyApp.AttachedRunner do
  @moduledoc "Runs jobs for whichever process attaches itself as the owner, and reports to it."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def attach(pid, owner), do: GenServer.cast(pid, {:attach, owner})

  @impl true
  def init(_opts), do: {:ok, %{owner: nil, archive: MyApp.Archive}}

  @impl true
  def handle_cast({:attach, owner}, state) do
    Process.monitor(owner)
    {:noreply, %{state | owner: owner}}
  end

  @impl true
  def handle_info({:job_done, id, result}, state) do
    # The owner attached itself with a cast to be told: info.
    send(state.owner, {:runner_result, id, result}) #~ otp/no-raw-send
    # A field set from a module name, not from a request: a warning.
    send(state.archive, {:store, id, result}) #~ otp/no-raw-send
    {:noreply, state}
  end

  def handle_info({:DOWN, _ref, :process, owner, _reason}, %{owner: owner} = state) do
    {:stop, :shutdown, state}
  end

  def handle_info(_other, state), do: {:noreply, state}
end
