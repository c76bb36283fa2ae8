defmodule Shop.GlobalFeed do
  @moduledoc "One feed per cluster: a second start_link finds the running one."
  use GenServer

  def start_link(opts) do
    case GenServer.start_link(__MODULE__, opts, name: {:global, __MODULE__}) do
      {:ok, pid} ->
        {:ok, pid}

      {:error, {:already_started, pid}} ->
        # Runs in the supervisor starting this child: its :DOWN never reaches this module.
        Process.monitor(pid) #~ otp/monitor-leak
        {:ok, pid}
    end
  end

  @impl true
  def init(opts), do: {:ok, opts}

  @impl true
  def handle_info(_msg, state), do: {:noreply, state}
end
