defmodule MyApp.TaskBoard do
  @moduledoc "Keeps the tasks it runs, and can drop them all at once."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # The handler only unlinks and kills: signals it sends and does not wait on.
  def clear, do: GenServer.call(__MODULE__, :clear) #~ otp/call-timeout

  @impl true
  def init(_opts), do: {:ok, %{running: %{}}}

  @impl true
  def handle_call(:clear, _from, state) do
    Enum.each(state.running, fn {%Task{pid: pid}, _id} ->
      Process.unlink(pid)
      Process.exit(pid, :kill)
    end)

    {:reply, :ok, %{state | running: %{}}}
  end
end
