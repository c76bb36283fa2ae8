defmodule MyApp.Workers do
  @moduledoc "Small servers used by the worker pool."

  defmodule Counter do #~ otp/genserver-callbacks
    use GenServer # counts finished jobs

    def start_link(start), do: GenServer.start_link(__MODULE__, start)

    def handle_cast(:inc, n), do: {:noreply, n + 1}

    def handle_call(:get, _from, n), do: {:reply, n, n}
  end

  defmodule Placeholder do #~ otp/genserver-callbacks
    use GenServer

    def start_link(arg), do: GenServer.start_link(__MODULE__, arg)
  end

  defmodule Lease do #~ otp/genserver-callbacks
    use GenServer

    def start_link(lease), do: GenServer.start_link(__MODULE__, lease)

    @impl GenServer
    def init(lease) do
      Process.send_after(self(), :expire, lease.ttl)
      {:ok, lease}
    end
  end
end
