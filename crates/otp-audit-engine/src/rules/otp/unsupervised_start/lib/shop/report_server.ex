defmodule Shop.ReportServer do
  use GenServer

  # Public twins: `start/1` for scripts that want no link, `start_link/1` for trees.
  def start(opts), do: launch(:start, opts)
  def start_link(opts), do: launch(:start_link, opts)

  defp launch(how, opts) do
    # Started with GenServer.start so that a failed init/1 comes back as an error tuple.
    spawn_opts = if how == :start_link, do: [spawn_opt: [:link]], else: []

    case GenServer.start(__MODULE__, opts, spawn_opts) do
      {:ok, pid} -> {:ok, pid}
      {:error, reason} -> {:error, reason}
    end
  end

  def open_report(format, verbose?) do
    server_opts = if verbose?, do: [spawn_opt: [:link], debug: [:trace]], else: []
    GenServer.start(Shop.ReportWriter, format, server_opts) #~ otp/unsupervised-start
  end

  def open_archive(format) do
    archive_opts = [name: Shop.Archive]
    GenServer.start(Shop.ReportWriter, format, archive_opts) #~ otp/unsupervised-start
  end

  @impl true
  def init(opts), do: {:ok, opts}

  @impl true
  def handle_call(:opts, _from, opts), do: {:reply, opts, opts}
end
