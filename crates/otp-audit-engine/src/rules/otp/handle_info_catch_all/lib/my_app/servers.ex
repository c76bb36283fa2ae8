defmodule MyApp.Servers do
  @moduledoc "GenServers whose handle_info/2 ends in a catch-all, or that keep the default."

  defmodule Poller do
    use GenServer
    require Logger

    def start_link(url), do: GenServer.start_link(__MODULE__, url)

    @impl true
    def init(url) do
      send(self(), :poll)
      {:ok, url}
    end

    @impl true
    def handle_info(:poll, url) do
      Process.send_after(self(), :poll, 30_000)
      {:noreply, url}
    end

    def handle_info(_msg, url), do: {:noreply, url}
  end

  defmodule Quiet do
    use GenServer

    def init(state), do: {:ok, state}

    def handle_info({:set, value}, _state), do: {:noreply, value}
    def handle_info(_, state), do: {:noreply, state}
  end

  defmodule Defaults do
    use GenServer

    def init(state), do: {:ok, state}
    def handle_call(:get, _from, state), do: {:reply, state, state}
  end

  defmodule Delegated do
    use GenServer

    def init(state), do: {:ok, state}
    defdelegate handle_info(msg, state), to: MyApp.Servers.InfoHandler
  end

  defmodule NotAServer do
    @moduledoc "A plain module with a function that happens to be named handle_info."
    def handle_info({:event, e}, acc), do: [e | acc]
  end
end
