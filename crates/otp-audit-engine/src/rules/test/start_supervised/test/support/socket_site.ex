defmodule MyApp.SocketSite do
  @moduledoc "Test support: a local site that the socket client tests connect to."

  defmodule Endpoint do
    @moduledoc false
    use GenServer

    def start_link(opts \\ []), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

    def url, do: "ws://localhost:4102/socket"

    @impl true
    def init(opts), do: {:ok, Map.new(opts)}
  end

  defmodule Presence do
    @moduledoc false
    use Agent

    def start_link, do: Agent.start_link(fn -> %{} end, name: __MODULE__)
  end
end
