defmodule Stage.ViewerSocket do
  @moduledoc """
  A raw WebSocket for one viewer. A transport process has no `handle_call`: the stage
  reaches it with messages, which `handle_info/2` takes.
  """
  @behaviour Phoenix.Socket.Transport

  @impl true
  def child_spec(_opts), do: %{id: __MODULE__, start: {Task, :start_link, [fn -> :ok end]}, restart: :transient}

  @impl true
  def connect(state), do: {:ok, state}

  @impl true
  def init(state), do: {:ok, state}

  @impl true
  def handle_in({text, _opts}, state), do: {:reply, :ok, {:text, text}, state}

  @impl true
  def handle_info({:video_frame, data}, state), do: {:push, {:binary, data}, state}

  def handle_info({:kick, _reason}, state), do: {:stop, :normal, state}

  def handle_info(_other, state), do: {:ok, state}

  @impl true
  def terminate(_reason, _state), do: :ok
end
