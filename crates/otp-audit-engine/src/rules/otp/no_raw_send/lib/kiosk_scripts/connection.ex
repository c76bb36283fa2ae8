defmodule MyApp.KioskScripts.Connection do
  @moduledoc "A kiosk's connection process: hands every message to the link."
  use GenServer

  def start_link(kiosk_id), do: GenServer.start_link(__MODULE__, kiosk_id)

  @impl true
  def init(kiosk_id), do: {:ok, %{kiosk_id: kiosk_id, scripts?: true, script_refs: %{}, watchers: %{}}}

  @impl true
  def handle_info(message, session) do
    {session, _effects} = MyApp.KioskScripts.Link.notify(session, message)
    {:noreply, session}
  end
end
