defmodule MyAppWeb.KioskSerializer do
  @moduledoc "Rewrites the legacy `kiosk` topic of old clients to the per-kiosk topic."
  @behaviour Phoenix.Socket.Serializer

  alias Phoenix.Socket.V2.JSONSerializer

  @impl true
  def fastlane!(broadcast), do: JSONSerializer.fastlane!(broadcast)

  @impl true
  def encode!(message), do: JSONSerializer.encode!(message)

  @impl true
  def decode!(raw, opts) do
    raw
    |> JSONSerializer.decode!(opts)
    |> scope_topic()
  end

  defp scope_topic(%{topic: "kiosk"} = message) do
    %{message | topic: "kiosk:#{Process.get(:kiosk_id)}"} #~ otp/no-process-dictionary
  end

  defp scope_topic(message), do: message
end
