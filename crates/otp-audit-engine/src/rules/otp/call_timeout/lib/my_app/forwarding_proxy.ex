defmodule MyApp.ForwardingProxy do
  @moduledoc """
  Sits in front of a worker that may restart: its own requests are namespaced with
  the module name, every other call is forwarded to the worker (or queued while it
  is down).
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  # Answered from the proxy's state at once: info.
  def watchers(proxy), do: GenServer.call(proxy, {__MODULE__, :watchers}) #~ otp/call-timeout

  # Forwarded to the worker, which may take its time: a warning.
  def fetch(proxy, key), do: GenServer.call(proxy, {:fetch, key}) #~ otp/call-timeout

  @impl true
  def init(opts), do: {:ok, %{worker: nil, queue: [], watchers: %{}, opts: opts}}

  @impl true
  def handle_call({__MODULE__, :watchers}, _from, state) do
    {:reply, {:ok, state.watchers}, state}
  end

  def handle_call(msg, from, %{worker: nil} = state) do
    {:noreply, %{state | queue: [{msg, from} | state.queue]}}
  end

  def handle_call(msg, from, %{worker: worker} = state) do
    send(worker, {:"$gen_call", from, msg})
    {:noreply, state}
  end
end
