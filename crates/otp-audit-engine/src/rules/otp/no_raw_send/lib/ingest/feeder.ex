# fixture: needs the project
defmodule Ingest.Feeder do
  @moduledoc "Feeds files to the loader that started it and tells it how far it got."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    owner = Keyword.fetch!(opts, :owner)
    {:ok, %{owner: owner, files: Keyword.fetch!(opts, :files)}, {:continue, :feed}}
  end

  @impl true
  def handle_continue(:feed, state) do
    Enum.each(state.files, fn name ->
      Ingest.Store.load(name)
      send(state.owner, {:file_loaded, name})
    end)

    send(state.owner, :all_loaded)
    # The loader has no clause for this one: the notification falls through.
    send(state.owner, {:feed_stats, length(state.files)}) #~ otp/no-raw-send
    {:noreply, state}
  end
end
