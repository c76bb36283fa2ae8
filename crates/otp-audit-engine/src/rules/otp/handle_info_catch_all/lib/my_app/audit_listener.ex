defmodule MyApp.AuditListener do
  @moduledoc "Writes audit events; `Logger` here is the app's structured audit logger."
  use GenServer
  alias MyApp.Audit.Logger

  def init(sink), do: {:ok, sink}

  def handle_info({:audit, event}, sink) do #~ otp/handle-info-catch-all
    Logger.record(sink, event)
    {:noreply, sink}
  end
end
