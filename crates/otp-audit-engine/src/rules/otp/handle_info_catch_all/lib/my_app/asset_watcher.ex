defmodule MyApp.AssetWatcher do
  @moduledoc "Rebuilds assets when a file under assets/ changes."
  use GenServer

  def start_link(dirs), do: GenServer.start_link(__MODULE__, dirs, name: __MODULE__)

  @impl true
  def init(dirs) do
    {:ok, watcher} = FileSystem.start_link(dirs: dirs)
    FileSystem.subscribe(watcher)
    {:ok, %{watcher: watcher}}
  end

  @impl true
  def handle_info({:file_event, _watcher, {path, _events}}, state) do #~ otp/handle-info-catch-all
    if Path.extname(path) in [".css", ".js"], do: MyApp.Assets.rebuild()
    {:noreply, state}
  end
end

defmodule MyApp.TemplateWatcher do
  @moduledoc "Reloads templates on change, and stops with its watcher."
  use GenServer

  def start_link(dirs), do: GenServer.start_link(__MODULE__, dirs)

  @impl true
  def init(dirs) do
    {:ok, watcher} = FileSystem.start_link(dirs: dirs)
    FileSystem.subscribe(watcher)
    {:ok, %{watcher: watcher}}
  end

  @impl true
  def handle_info({:file_event, _watcher, {path, _events}}, state) do
    MyApp.Templates.reload(path)
    {:noreply, state}
  end

  def handle_info({:file_event, _watcher, :stop}, state) do #~ otp/handle-info-catch-all
    {:stop, :watcher_stopped, state}
  end
end
