defmodule Call.CryptoLink do
  @moduledoc """
  The encryption helper of one call. Its `start_link/1` hands `init/1` the caller's
  pid, the call process that starts it, and it tells that process about state
  changes through `notify/2`, which `Call.Session.handle_info/2` takes.
  """
  use GenServer

  def start_link(media_pid), do: GenServer.start_link(__MODULE__, [media_pid, self()])

  def handshake(link), do: GenServer.call(link, :handshake, 5_000)

  @impl true
  def init([media_pid, owner]) do
    state = %{media: media_pid, owner: owner, ready: false}
    notify(state.owner, {:state_change, :new})
    {:ok, state}
  end

  @impl true
  def handle_call(:handshake, _from, state) do
    notify(state.owner, {:state_change, :connected})
    {:reply, :ok, %{state | ready: true}}
  end

  defp notify(dst, event), do: send(dst, {:crypto_link, self(), event})
end

defmodule Call.Session do
  @moduledoc false
  use GenServer

  def start_link(media_pid), do: GenServer.start_link(__MODULE__, media_pid)

  @impl true
  def init(media_pid) do
    {:ok, link} = Call.CryptoLink.start_link(media_pid)
    {:ok, %{link: link, state: :new}}
  end

  @impl true
  def handle_info({:crypto_link, _pid, {:state_change, state}}, session), do: {:noreply, %{session | state: state}}
  def handle_info(_other, session), do: {:noreply, session}
end

defmodule Call.Recorder do
  @moduledoc "A near miss: the owner it tells is a pid its caller names, whose module nobody knows."
  use GenServer

  def start_link(media_pid, owner), do: GenServer.start_link(__MODULE__, [media_pid, owner])

  @impl true
  def init([media_pid, owner]) do
    {:ok, %{media: media_pid, owner: owner}}
  end

  @impl true
  def handle_cast(:stop_recording, state) do
    tell(state.owner, :stopped)
    {:noreply, state}
  end

  defp tell(dst, event), do: send(dst, {:recorder, self(), event}) #~ otp/no-raw-send
end
