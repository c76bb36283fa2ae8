defmodule MyApp.StatusSite do
  @moduledoc "Test support: a status page that the poller and the pusher tests read."
  use GenServer

  def start_link(opts \\ []), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def url, do: "http://localhost:4103/status"

  @impl true
  def init(opts), do: {:ok, Map.new(opts)}
end
