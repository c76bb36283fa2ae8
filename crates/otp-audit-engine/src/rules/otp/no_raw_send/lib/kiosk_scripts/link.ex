defmodule MyApp.KioskScripts.Link do
  @moduledoc "What a kiosk's connection process does with the messages it is sent."

  def notify(session, {:run_script, pid, text}) do
    if session.scripts? do
      {session, [{:push, "scripts/run", %{"text" => text}}]}
    else
      send(pid, {:error, :unsupported})
      {session, []}
    end
  end

  # Not a broadcast request: the pid came with a message nobody asked for.
  def notify(session, {:watch, pid}) do
    send(pid, {:watching, session.kiosk_id}) #~ otp/no-raw-send
    {session, []}
  end
end
