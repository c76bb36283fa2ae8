defmodule MyApp.Thumbnailer do
  @moduledoc "Renders thumbnails; every callback here blocks the server somehow."
  use GenServer

  require Logger

  @call_timeout 10_000

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def render(path), do: GenServer.call(__MODULE__, {:render, path}, @call_timeout)

  @impl true
  def init(opts) do
    # Waits for the storage volume to come up.
    :timer.sleep(Keyword.get(opts, :warmup, 500)) #~ otp/blocking-in-callback
    {:ok, %{opts: opts, rendered: 0}, {:continue, :prime}}
  end

  @impl true
  def handle_continue(:prime, state) do
    receive do #~ otp/blocking-in-callback
    after
      100 -> :ok
    end

    {:noreply, state}
  end

  @impl true
  def handle_call({:render, path}, _from, state) do
    thumb =
      Task.async(fn -> MyApp.Image.thumbnail(path) end)
      |> Task.await(@call_timeout) #~ otp/blocking-in-callback

    {:reply, thumb, %{state | rendered: state.rendered + 1}}
  end

  def handle_call({:render_many, paths}, _from, state) do
    tasks = Enum.map(paths, fn p -> Task.async(fn -> MyApp.Image.thumbnail(p) end) end)
    {:reply, Task.await_many(tasks), state} #~ otp/blocking-in-callback
  end

  def handle_call({:try_render, path}, _from, state) do
    task = Task.async(fn -> MyApp.Image.thumbnail(path) end)
    {:reply, Task.yield(task, 2_000) || Task.shutdown(task), state} #~ otp/blocking-in-callback
  end

  @impl true
  def handle_cast({:retry, path}, state) do
    Process.sleep(1_000) #~ otp/blocking-in-callback
    GenServer.cast(self(), {:render_async, path})
    {:noreply, state}
  end

  def handle_cast({:render_async, path}, state) do
    storage_ack(path) #~ otp/blocking-in-callback
    {:noreply, state}
  end

  @impl true
  def handle_info({:uploaded, path}, state) do
    MyApp.Storage.request(path, self())

    receive do #~ otp/blocking-in-callback
      {:stored, ^path} -> Logger.info("stored #{path}")
    after
      5_000 -> Logger.warning("storage did not answer for #{path}")
    end

    {:noreply, state}
  end

  def handle_info({:throttle, path}, state) do
    wait_a_little(path) #~ otp/blocking-in-callback
    {:noreply, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  defp wait_a_little(path) do
    Logger.debug("throttling #{path}")
    Process.sleep(250)
  end

  defp storage_ack(path) do
    MyApp.Storage.request(path, self())
    receive do
      {:stored, ^path} -> :ok
    end
  end
end
