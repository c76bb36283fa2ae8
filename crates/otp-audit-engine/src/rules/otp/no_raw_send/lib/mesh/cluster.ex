# fixture: needs the project
defmodule Mesh.Cluster do
  @moduledoc false
  @behaviour :gen_statem

  defstruct [:scout_mod, :scout, :peers, :opts]

  def start_link(opts) do
    data = %__MODULE__{scout_mod: Keyword.get(opts, :scout, Mesh.Scout), peers: %{}, opts: opts}
    :gen_statem.start_link(__MODULE__, data, [])
  end

  @impl true
  def callback_mode, do: :handle_event_function

  @impl true
  def init(data), do: {:ok, :starting, data, {:next_event, :internal, :start_scout}}

  @impl true
  def handle_event(:internal, :start_scout, :starting, data) do
    # The scout is whatever module the options name; it reports back to us.
    {:ok, scout} = data.scout_mod.start_link(report_to: self(), seeds: data.opts[:seeds])
    {:next_state, :running, %__MODULE__{data | scout: scout}}
  end

  def handle_event(:info, {:peers_found, peers}, _state, data) do
    {:keep_state, %__MODULE__{data | peers: Map.merge(data.peers, peers)}}
  end

  def handle_event(:info, {:peer, :down, host, _port}, _state, data) do
    {:keep_state, %__MODULE__{data | peers: Map.delete(data.peers, host)}}
  end
end
