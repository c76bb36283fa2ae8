defmodule MyApp.Scheduler do
  use GenServer

  @interval 60_000

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    send(self(), :load)
    schedule()
    {:ok, %{opts: opts, jobs: []}}
  end

  @impl true
  def handle_info(:load, state), do: {:noreply, state}

  def handle_info(:tick, state) do
    schedule()
    {:noreply, state}
  end

  def handle_info({:ping, from}, state) do
    send(from, :pong) #~ otp/no-raw-send
    {:noreply, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  defp schedule do
    me = self()
    Process.send_after(me, :tick, @interval)
    self() |> send(:refresh)
  end

  def reply_via_alias(fun) do
    reply_to = Process.alias()
    fun.(reply_to)
    send(reply_to, :done)
  end

  defmacro notify_later(pid, msg) do
    quote do
      send(unquote(pid), unquote(msg)) #~ otp/no-raw-send
    end
  end
end
