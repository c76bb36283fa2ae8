defmodule MediaKit.Thumbnailer do
  @moduledoc "Renders thumbnails on demand; the renderer task is started by a helper."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def render(upload_id), do: GenServer.cast(__MODULE__, {:render, upload_id})

  @impl true
  def init(_opts), do: {:ok, %{renders: %{}}}

  @impl true
  def handle_cast({:render, upload_id}, state) do
    {:noreply, start_render(state, upload_id)}
  end

  @impl true
  def handle_info({:DOWN, _ref, :process, _pid, _reason}, state), do: {:noreply, state}
  def handle_info(_msg, state), do: {:noreply, state}

  # The reply of this task is never matched and the module awaits no task.
  defp start_render(state, upload_id) do
    task = Task.async(fn -> MediaKit.Images.thumbnail(upload_id) end) #~ otp/task-async-unawaited
    put_in(state.renders[upload_id], task)
  end
end
