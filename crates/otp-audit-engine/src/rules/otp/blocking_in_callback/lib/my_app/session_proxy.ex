defmodule MyApp.SessionProxy do
  @moduledoc "Drives a remote session process on behalf of a client."
  use GenServer

  alias MyApp.Session

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    # init/1 returns what the session answered, so the wait belongs here.
    case join_session(opts) do #~ otp/blocking-in-callback
      {:ok, pid, view} -> {:ok, %{session: pid, view: view, ref: nil}}
      {:error, :not_found} -> :ignore
      {:error, reason} -> {:stop, reason}
    end
  end

  @impl true
  def handle_call(:refresh, _from, state) do
    sync!(state.session, state, fn -> {:reply, :ok, state} end)
  end

  def handle_call({:event, name}, _from, state) do
    sync!(state.session, state, fn ->
      Session.event(state.session, name)
      {:reply, :ok, state}
    end)
  end

  def handle_call(:render, _from, state) do
    {:reply, await_frame(state), state}
  end

  def handle_call(:snapshot, _from, state) do
    {:reply, await_frame(state), state}
  end

  def handle_call(:flush, _from, state) do
    ref = Session.flush(state.session)

    receive do #~ otp/blocking-in-callback
      {^ref, :flushed} -> {:reply, :ok, state}
    after
      2_000 -> {:reply, {:error, :timeout}, state}
    end
  end

  @impl true
  def handle_info({:DOWN, _ref, :process, pid, reason}, %{session: pid} = state) do
    {:stop, reason, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  defp join_session(opts) do
    ref = make_ref()
    {:ok, pid} = Session.start(opts, {self(), ref})
    mon = Process.monitor(pid)

    receive do
      {^ref, {:ok, view}} ->
        Process.demonitor(mon, [:flush])
        {:ok, pid, view}

      {^ref, {:error, reason}} ->
        {:error, reason}

      {:DOWN, ^mon, :process, _, reason} ->
        {:error, reason}
    end
  end

  # The session is monitored in init/1's helper; if the sync call exits the
  # session is gone and its :DOWN is already in the mailbox.
  defp sync!(pid, state, fun) do
    try do
      Session.sync(pid)
    catch
      :exit, _ ->
        receive do
          {:DOWN, _ref, :process, ^pid, _reason} = down -> handle_info(down, state)
        end
    else
      :ok -> fun.()
    end
  end

  defp await_frame(state) do
    receive do #~ otp/blocking-in-callback
      {:frame, frame} -> {:ok, frame}
    end
  end
end
