defmodule MyApp.KioskScripts.Link do
  @moduledoc "What a kiosk's connection process does with the messages it is sent."

  def notify(session, {:run_script, pid, text}) do
    if session.scripts? do
      ref = Base.encode64(:crypto.strong_rand_bytes(4), padding: false)
      session = %{session | script_refs: Map.put(session.script_refs, ref, pid)}
      {session, [{:push, "scripts/run", %{"text" => text, "ref" => ref}}]}
    else
      send(pid, {:error, :unsupported})
      {session, []}
    end
  end

  # The kiosk answered: the output goes to the runner that asked.
  def kiosk_message(session, "scripts/run", %{"ref" => ref, "output" => output}) do
    case session.script_refs[ref] do
      nil ->
        {session, []}

      pid ->
        send(pid, {:output, output})
        {%{session | script_refs: Map.delete(session.script_refs, ref)}, []}
    end
  end

  # A pid kept from a message no broadcast builds.
  def kiosk_message(session, "watchers/ping", %{"ref" => ref}) do
    watcher = Map.get(session.watchers, ref)
    send(watcher, {:ping, session.kiosk_id}) #~ otp/no-raw-send
    {session, []}
  end

  def track(session, {:watch_ref, ref, watcher}) do
    %{session | watchers: Map.put(session.watchers, ref, watcher)}
  end

  # Not a broadcast request: the pid came with a message nobody asked for.
  def notify(session, {:watch, pid}) do
    send(pid, {:watching, session.kiosk_id}) #~ otp/no-raw-send
    {session, []}
  end
end
