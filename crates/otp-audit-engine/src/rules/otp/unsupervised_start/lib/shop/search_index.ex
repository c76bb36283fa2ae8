defmodule Shop.SearchIndex do
  # A server whose per-request jobs run as tasks linked to it, with optional parts that
  # a setting switches on and off.
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def query(text), do: GenServer.call(__MODULE__, {:query, text}, 10_000)

  # Client API: runs in the caller, so this task is linked to whoever calls it.
  def warm_up(terms) do
    Task.start_link(fn -> Enum.each(terms, &query/1) end) #~ otp/unsupervised-start
  end

  @impl true
  def init(opts), do: {:ok, %{index: %{}, suggest_sup: nil, stats_sup: nil, audit_sup: nil, opts: opts}}

  @impl true
  def handle_call({:query, text}, from, state) do
    # One-shot search linked to the server; it replies itself.
    {:ok, _pid} =
      Task.start_link(fn -> #~ otp/unsupervised-start
        GenServer.reply(from, Map.get(state.index, text, []))
      end)

    {:noreply, state}
  end

  @impl true
  def handle_cast({:settings, settings}, state) do
    state = reindex(state)

    {:noreply,
     state
     |> set_suggestions(settings["suggest"])
     |> set_stats(settings["stats"])}
  end

  @impl true
  def handle_info({:indexed, index}, state), do: {:noreply, %{state | index: index}}
  def handle_info(:audit, state), do: {:noreply, restart_audit(state)}

  defp reindex(state) do
    server = self()
    {:ok, _pid} = Task.start_link(fn -> send(server, {:indexed, Shop.Catalog.index()}) end) #~ otp/unsupervised-start
    state
  end

  # Switched on only while empty, stopped and emptied when switched off.
  defp set_suggestions(state, enabled?) do
    cond do
      enabled? and state.suggest_sup == nil ->
        {:ok, pid} = Shop.Suggest.Supervisor.start_link(state.opts)
        %{state | suggest_sup: pid}

      not enabled? and state.suggest_sup != nil ->
        Process.exit(state.suggest_sup, :shutdown)
        %{state | suggest_sup: nil}

      true ->
        state
    end
  end

  # No guard: each call starts another while the last keeps running.
  defp set_stats(state, true) do
    {:ok, pid} = Shop.Stats.Supervisor.start_link(state.opts) #~ otp/unsupervised-start
    %{state | stats_sup: pid}
  end

  defp set_stats(state, _), do: state

  # The start is in the `else`: taken when the field is already set, not while empty.
  defp restart_audit(state) do
    if state.audit_sup == nil do
      state
    else
      {:ok, pid} = Shop.Audit.Supervisor.start_link(state.opts) #~ otp/unsupervised-start
      %{state | audit_sup: pid}
    end
  end
end

defmodule Shop.DeviceStream do
  # Not a server: a watcher that tells the reader when its device goes away.
  def stream(device) do
    reader = self()

    Task.start_link(fn ->
      ref = Process.monitor(device)

      receive do
        {:DOWN, ^ref, :process, _pid, reason} -> send(reader, {:device_gone, reason})
      end
    end)

    Stream.repeatedly(fn -> IO.binread(device, :line) end)
  end

  # A linked task that keeps working: nothing restarts it when it crashes.
  def follow(device) do
    Task.start_link(fn -> Stream.repeatedly(fn -> IO.binread(device, :line) end) |> Stream.run() end) #~ otp/unsupervised-start
  end
end
