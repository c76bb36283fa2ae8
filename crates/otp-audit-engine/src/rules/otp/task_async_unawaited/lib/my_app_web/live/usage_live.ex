defmodule MyAppWeb.UsageLive do
  @moduledoc "Usage figures, refreshed every second by a task whose reply this view takes."
  use Phoenix.LiveView

  @impl Phoenix.LiveView
  def mount(_params, _session, socket) do
    if connected?(socket), do: send(self(), :refresh)
    {:ok, assign(socket, usage: nil)}
  end

  @impl Phoenix.LiveView
  def handle_info(:refresh, socket) do
    Task.async(fn -> MyApp.Usage.load(socket.assigns.account_id) end)
    Process.send_after(self(), :refresh, 1_000)
    {:noreply, socket}
  end

  # Any task's reply: the view takes it and drops the task's monitor.
  def handle_info({ref, usage}, socket) when is_reference(ref) do
    Process.demonitor(ref, [:flush])
    {:noreply, assign(socket, usage: usage)}
  end
end

defmodule MyAppWeb.QuotaLive do
  @moduledoc "Like UsageLive, but nothing takes the task's reply."
  use Phoenix.LiveView

  @impl Phoenix.LiveView
  def mount(_params, _session, socket), do: {:ok, assign(socket, quota: nil)}

  @impl Phoenix.LiveView
  def handle_event("recount", _params, socket) do
    Task.async(fn -> MyApp.Usage.recount(socket.assigns.account_id) end) #~ otp/task-async-unawaited
    {:noreply, socket}
  end
end
