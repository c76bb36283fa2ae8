defmodule MyApp.FatalSettings do
  # A server that shows a fatal error to its client and then halts the node: the sleep
  # gives the message time to leave, nobody waits on the server afterwards.
  use GenServer
  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts), do: {:ok, %{dir: opts[:dir], client: opts[:client]}}

  @impl true
  def handle_cast({:settings, settings}, state) do
    case File.cd(settings["dir"] || state.dir) do
      :ok ->
        {:noreply, %{state | dir: settings["dir"]}}

      {:error, reason} ->
        MyApp.Client.show_error(state.client, "cannot enter the project: #{inspect(reason)}")
        Process.sleep(2_000)
        System.halt(1)
    end
  end

  @impl true
  def handle_continue(:disconnect, state) do
    give_output_time()
    :init.stop()
    {:noreply, state}
  end

  @impl true
  def handle_info(:refresh, state) do
    # Not before a halt: the server is held for a second and a half.
    Process.sleep(1_500) #~ otp/blocking-in-callback
    System.stop(0) |> then(fn _ -> :ok end)
    {:noreply, state}
  end

  def handle_info(_other, state), do: {:noreply, state}

  defp give_output_time do
    Process.sleep(200)
    :erlang.halt(0)
  end
end
