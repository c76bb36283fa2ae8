defmodule Shop.FeedOwner do
  @moduledoc "Owns the feed's worker tree: starts it in init/1 and stops it when it goes."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, sup} = start_workers(opts)
    {:ok, %{sup: sup, jobs: %{}}}
  end

  @impl true
  def handle_call({:refresh, sku}, _from, state) do
    {:ok, pid} = Task.start_link(fn -> Shop.Prices.refresh(sku) end)
    ref = :erlang.monitor(:process, pid, alias: :reply_demonitor)
    {:reply, :ok, put_in(state.jobs[ref], sku)}
  end

  def handle_call(:restart_workers, _from, state) do
    {:ok, sup} = start_extra_workers([])
    {:reply, :ok, %{state | sup: sup}}
  end

  @impl true
  def handle_info({:EXIT, sup, reason}, %{sup: sup} = state), do: {:stop, reason, state}

  def handle_info({:DOWN, ref, :process, _pid, _reason}, state) do
    {:noreply, %{state | jobs: Map.delete(state.jobs, ref)}}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  @impl true
  def terminate(_reason, state) do
    Supervisor.stop(state.sup)
  end

  defp start_workers(opts) do
    children = [{Shop.PriceFetcher, opts}, {Shop.PriceCache, opts}]
    Supervisor.start_link(children, strategy: :rest_for_one)
  end

  # Called from a request: the new tree is linked to whatever runs this call.
  defp start_extra_workers(opts) do
    children = [{Shop.PriceFetcher, opts}]
    Supervisor.start_link(children, strategy: :one_for_one) #~ otp/unsupervised-start
  end
end
