defmodule MyApp.WriterWatch do
  @moduledoc "Asks stalled writers to prove progress; writers are kept by shape."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl GenServer
  def init(_opts), do: {:ok, %{writers: %{}}}

  @impl GenServer
  def handle_info({:stalled, shapes}, state) do
    # One challenge to each stalled writer, looked up by the loop's shape.
    Enum.each(shapes, fn shape ->
      {pid, _ref} = Map.fetch!(state.writers, shape)
      send(pid, :prove_progress)
    end)

    {:noreply, state}
  end

  def handle_info(:audit, state) do #~ otp/handle-info-catch-all
    # One writer, looked up by a fixed key: a process interface, not a broadcast.
    {pid, _ref} = Map.fetch!(state.writers, :audit_log)
    send(pid, :prove_progress) #~ otp/no-raw-send
    {:noreply, state}
  end
end
