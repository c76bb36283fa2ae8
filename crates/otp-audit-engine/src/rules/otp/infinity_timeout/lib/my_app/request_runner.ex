defmodule MyApp.RequestRunner do
  @moduledoc "Runs each editor request in its own process and answers it when it is done."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def run(id, fun), do: GenServer.cast(__MODULE__, {:run, id, fun})

  @impl true
  def init(opts), do: {:ok, %{reply_to: Keyword.fetch!(opts, :reply_to), running: %{}}}

  @impl true
  def handle_cast({:run, id, fun}, state) do
    {_pid, ref} = run_async(id, fun)
    {:noreply, put_in(state.running[ref], id)}
  end

  @impl true
  def handle_call({:finished, id, result}, _from, state) do
    send(state.reply_to, {:response, id, result})
    {:reply, :ok, %{state | running: Map.reject(state.running, fn {_, v} -> v == id end)}}
  end

  @impl true
  def handle_info({:DOWN, ref, :process, _, _}, state) do
    {:noreply, %{state | running: Map.delete(state.running, ref)}}
  end

  defp run_async(id, fun) do
    parent = self()

    spawn_monitor(fn ->
      result = fun.()
      GenServer.call(parent, {:finished, id, result}, :infinity) #~ otp/infinity-timeout
    end)
  end

  # The worker is not this server's: a registered peer may never answer.
  def forward(id, fun) do
    spawn(fn -> GenServer.call(MyApp.Archive, {:store, id, fun.()}, :infinity) end) #~ otp/infinity-timeout
  end
end
