defmodule Payments.Testing.Recorder do
  @moduledoc "Records gateway traffic for assertions; started only by GatewayCase."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{owner: opts[:owner], seen: []}}

  @impl true
  def handle_info({:traffic, entry}, state), do: {:noreply, %{state | seen: [entry | state.seen]}}
end
