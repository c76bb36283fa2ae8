defmodule Stage.Server do
  @moduledoc "Sends frames to the viewer socket that registered through `join/2`."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def join(stage, socket_pid), do: GenServer.call(stage, {:join, socket_pid}, 5_000)
  def video_frame(stage, data), do: GenServer.cast(stage, {:video_frame, data})
  def kick(stage, reason), do: GenServer.cast(stage, {:kick, reason})

  @impl true
  def init(_opts), do: {:ok, %{viewer: nil}}

  @impl true
  def handle_call({:join, viewer}, _from, state), do: {:reply, :ok, %{state | viewer: viewer}}

  @impl true
  def handle_cast({:video_frame, data}, state) do
    # Only the transport takes `{:video_frame, _}`: its messages are its API.
    send(state.viewer, {:video_frame, data})
    {:noreply, state}
  end

  def handle_cast({:kick, reason}, state) do
    # `{:kick, _}` is also taken by `Stage.Moderator`, a GenServer: still reported.
    send(state.viewer, {:kick, reason}) #~ otp/no-raw-send
    {:noreply, state}
  end
end

defmodule Stage.Moderator do
  @moduledoc false
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, opts}

  @impl true
  def handle_info({:kick, _reason}, state), do: {:stop, :normal, state}

  def handle_info(_other, state), do: {:noreply, state}
end
