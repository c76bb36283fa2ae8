defmodule MyApp.InboxPoller do
  @moduledoc "Polls the mail inbox on the gen_server idle timeout."
  use GenServer

  @poll_every 30_000

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts), do: {:ok, %{folder: Keyword.fetch!(opts, :folder), seen: 0}, 0}

  @impl true
  def handle_info(:timeout, state) do #~ otp/handle-info-catch-all
    count = length(File.ls!(state.folder))
    {:noreply, %{state | seen: count}, @poll_every}
  end
end

defmodule MyApp.SessionReaper do
  @moduledoc "Stops itself once no session has touched it for a while."
  use GenServer

  def start_link(idle_ms), do: GenServer.start_link(__MODULE__, idle_ms)

  @impl true
  def init(idle_ms), do: {:ok, %{idle_ms: idle_ms, hits: 0}}

  @impl true
  def handle_call(:touch, _from, state) do
    {:reply, :ok, %{state | hits: state.hits + 1}, state.idle_ms}
  end

  @impl true
  def handle_info({:expire, reason}, state) do #~ otp/handle-info-catch-all
    {:stop, reason, state}
  end
end

defmodule MyApp.Hibernating do
  @moduledoc "Hibernates between messages: no idle timeout, the usual fix applies."
  use GenServer

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg, {:continue, :warm}}

  @impl true
  def handle_continue(:warm, state), do: {:noreply, state, :hibernate}

  @impl true
  def handle_info(:refresh, state) do #~ otp/handle-info-catch-all
    {:noreply, state, :hibernate}
  end
end
