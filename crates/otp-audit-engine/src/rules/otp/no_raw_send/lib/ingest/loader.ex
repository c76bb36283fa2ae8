# fixture: needs the project
defmodule Ingest.Loader do
  @moduledoc "Runs one load; the feeder it starts reports progress back as :info events."
  @behaviour :gen_statem

  def start_link(opts), do: :gen_statem.start_link(__MODULE__, opts, [])

  @impl true
  def callback_mode, do: :handle_event_function

  @impl true
  def init(opts), do: {:ok, :idle, %{files: Keyword.fetch!(opts, :files), feeder: nil, loaded: 0}}

  @impl true
  def handle_event(:internal, :load, :idle, data) do
    {:ok, feeder} = Ingest.Feeder.start_link(files: data.files, owner: self())
    {:next_state, :loading, %{data | feeder: feeder}}
  end

  def handle_event(:info, {:file_loaded, _name}, :loading, data) do
    {:keep_state, %{data | loaded: data.loaded + 1}}
  end

  def handle_event(:info, :all_loaded, :loading, data) do
    {:next_state, :idle, data}
  end

  def handle_event(:info, _msg, _state, _data), do: :keep_state_and_data
end
