defmodule MyApp.DownloadUpdater do
  @moduledoc "Applies a firmware image that a downloader streams in; the downloader reports progress back."
  use GenServer

  def start_link(url), do: GenServer.start_link(__MODULE__, url)

  @impl true
  def init(url) do
    pid = self()
    send(pid, :start)
    # Stored for the downloader, which runs it in its own process.
    {:ok, %{url: url, on_chunk: &report_chunk(pid, &1), on_done: fn -> report_done(pid) end}}
  end

  @impl true
  def handle_info(:start, state) do
    {:ok, _} = MyApp.Downloader.start_link(state.url, state.on_chunk, state.on_done)
    {:noreply, state}
  end

  @impl true
  def handle_cast(:retry, state) do
    # Run here and now, in the server's own process.
    Enum.each([:retry], &report_chunk(self(), &1)) #~ otp/call-self
    {:noreply, state}
  end

  @impl true
  def handle_call({:chunk, _chunk}, _from, state), do: {:reply, :ok, state}
  def handle_call(:done, _from, state), do: {:reply, :ok, state}

  defp report_chunk(updater, chunk), do: GenServer.call(updater, {:chunk, chunk}, 60_000)
  defp report_done(updater), do: GenServer.call(updater, :done, 60_000)
end
