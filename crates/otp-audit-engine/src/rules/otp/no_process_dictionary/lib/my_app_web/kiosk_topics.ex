defmodule MyAppWeb.KioskTopics do
  @moduledoc "Names a kiosk's topic from the kiosk the current process serves."

  def topic, do: "kiosk:#{Process.get(:kiosk_id)}" #~ otp/no-process-dictionary
end
