defmodule MyApp.SessionLink do
  @moduledoc """
  The process that owns one client's session. Once connected, it starts the
  session's own supervisor, registered per client in `MyApp.SessionSup.start_link/1`.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    send(self(), :connect)
    {:ok, %{client_id: Keyword.fetch!(opts, :client_id)}}
  end

  # Sent at start-up and again after every lost connection.
  @impl true
  def handle_info(:connect, state) do
    :ok = start_session_sup(state.client_id)
    :ok = start_outbox(state.client_id)
    {:noreply, state}
  end

  # A reconnect finds the supervisor of the last session still running.
  defp start_session_sup(client_id) do
    case MyApp.SessionSup.start_link(client_id: client_id) do #~ otp/unsupervised-start
      {:ok, _pid} -> :ok
      {:error, {:already_started, _pid}} -> :ok
    end
  end

  # Near miss: a start that cannot be already running.
  defp start_outbox(client_id) do
    case MyApp.Outbox.start_link(client_id: client_id) do #~ otp/unsupervised-start
      {:ok, _pid} -> :ok
      {:error, reason} -> raise "outbox did not start: #{inspect(reason)}"
    end
  end
end

defmodule MyApp.SessionSup do
  use Supervisor

  def start_link(opts) do
    client_id = Keyword.fetch!(opts, :client_id)
    Supervisor.start_link(__MODULE__, opts, name: {:via, Registry, {MyApp.Sessions, {__MODULE__, client_id}}})
  end

  @impl true
  def init(opts), do: Supervisor.init([{MyApp.Outbox, opts}], strategy: :one_for_one)
end

defmodule MyApp.Outbox do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, opts}
end
