defmodule MyApp.FeedConnection do
  @moduledoc """
  Owns one subscription connection: starts it through a small wrapper, keeps its pid,
  and starts it again when it exits.
  """

  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, connect(%{opts: opts, conn: nil})}
  end

  @impl true
  def handle_info({:EXIT, conn, _reason}, %{conn: conn} = state) do
    {:noreply, connect(%{state | conn: nil})}
  end

  def handle_info(_other, state), do: {:noreply, state}

  defp connect(%{opts: opts} = state) do
    case start_subscriber(opts) do
      {:ok, conn} -> %{state | conn: conn}
      {:error, _} -> state
    end
  end

  defp start_subscriber(url) when is_binary(url), do: MyApp.Subscriber.start_link(url, sync: true)
  defp start_subscriber(opts) when is_list(opts), do: MyApp.Subscriber.start_link(opts ++ [sync: true])
end

defmodule MyApp.FeedProbe do
  @moduledoc "The same wrapper, but the caller drops the pid: nothing keeps or restarts it."

  def probe(opts) do
    _ = start_subscriber(opts)
    :ok
  end

  defp start_subscriber(opts), do: MyApp.Subscriber.start_link(opts) #~ otp/unsupervised-start
end
