# fixture: needs the project
defmodule Wire.SocketKeeper do
  @moduledoc false
  use GenServer

  defstruct [:link, :socket]

  def start_link(link, opts), do: GenServer.start_link(__MODULE__, {link, opts})

  @impl true
  def init({link, _opts}) do
    send(self(), :open)
    {:ok, %__MODULE__{link: link}}
  end

  @impl true
  def handle_info(:open, state) do
    send(state.link, {:up, self(), :fake_socket})
    send(state.link, {:opened_at, self(), System.monotonic_time()}) #~ otp/no-raw-send
    {:noreply, %{state | socket: :fake_socket}}
  end

  def handle_info({:write_failed, link}, %__MODULE__{link: link} = state) do
    stop(:write_failed, state)
  end

  def handle_info({:teardown, link, reason}, %__MODULE__{link: link} = state) do
    stop(reason, state)
  end

  def handle_info(_other, state), do: {:noreply, state}

  defp stop(reason, %__MODULE__{link: link} = state) do
    send(link, {:down, self(), reason})
    {:stop, :normal, state}
  end
end
