defmodule MyApp.RemoteBootNotify do
  @moduledoc "The same boot sequence, where every step helper gets the starter's pid."
  use GenServer, restart: :temporary

  def start_link({target, caller}), do: GenServer.start_link(__MODULE__, {target, caller})

  @impl true
  def init({target, caller}) do
    {:ok, %{target: target}, {:continue, {:boot, target, caller}}}
  end

  @impl true
  def handle_continue({:boot, target, caller}, state) do
    with_progress(caller, "start node", fn -> {:ok, target} end)
    {:noreply, state}
  end

  # A continue term of another shape: its pid is not the starter's.
  def handle_continue({:retry, peer}, state) do
    send(peer, {:boot_retry, self()}) #~ otp/no-raw-send
    {:noreply, state}
  end

  defp with_progress(caller, name, fun) do
    send(caller, {:boot_step, self(), name}) #~ otp/no-raw-send
    fun.()
  end
end
