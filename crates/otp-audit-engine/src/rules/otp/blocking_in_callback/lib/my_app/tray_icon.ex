defmodule MyApp.TrayIcon do
  @moduledoc "Owns the desktop tray icon; the icon service is probed in a throwaway process."
  use GenServer

  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def icon, do: GenServer.call(__MODULE__, :icon, 30_000)

  @impl true
  def init(opts), do: {:ok, %{icon: :unknown, opts: opts, peer: nil}}

  @impl true
  def handle_call(:icon, _from, %{icon: :unknown} = state) do
    icon = probe_icon_service() #~ otp/blocking-in-callback
    {:reply, icon, %{state | icon: icon}}
  end

  def handle_call(:icon, _from, state), do: {:reply, state.icon, state}

  def handle_call(:refresh, _from, state) do
    {pid, ref} = spawn_monitor(fn -> exit(MyApp.IconService.refresh()) end)

    receive do #~ otp/blocking-in-callback
      {:DOWN, ^ref, :process, ^pid, :ok} -> {:reply, :ok, state}
      {:DOWN, ^ref, :process, ^pid, reason} -> {:reply, {:error, reason}, state}
    end
  end

  # The worker answers once it is set up and runs on; its :DOWN still ends the wait.
  def handle_call({:launch, config}, _from, state) do
    server = self()
    {_, ref} = spawn_monitor(fn -> MyApp.IconService.launch(config, server) end)

    receive do #~ otp/blocking-in-callback
      {:launched, ^ref, icon} -> {:reply, :ok, %{state | icon: icon}}
      {:DOWN, ^ref, :process, _pid, reason} -> {:reply, {:error, reason}, state}
    end
  end

  # The same wait, its :DOWN bound whole.
  def handle_call({:relaunch, config}, _from, state) do
    server = self()
    {_, ref} = spawn_monitor(fn -> MyApp.IconService.launch(config, server) end)

    receive do #~ otp/blocking-in-callback
      {:launched, ^ref, icon} -> {:reply, :ok, %{state | icon: icon}}
      {:DOWN, ^ref, :process, _pid, _reason} = down -> {:reply, {:error, down}, state}
    end
  end

  # Waits for a process it did not start: its :DOWN comes only when that peer ends.
  def handle_call({:watch, peer}, _from, state) do
    ref = Process.monitor(peer)

    receive do #~ otp/blocking-in-callback
      {:DOWN, ^ref, :process, _, reason} -> {:reply, reason, state}
    end
  end

  # The worker crashes apart from the server: it is monitored, not linked.
  defp probe_icon_service do
    {worker, ref} = spawn_monitor(fn -> exit(MyApp.IconService.start()) end)

    receive do
      {:DOWN, ^ref, :process, ^worker, {:ok, icon}} ->
        icon

      {:DOWN, ^ref, :process, ^worker, reason} ->
        Logger.error("icon service failed: #{inspect(reason)}")
        nil
    end
  end
end
