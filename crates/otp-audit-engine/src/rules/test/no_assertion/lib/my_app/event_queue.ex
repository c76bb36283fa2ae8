defmodule MyApp.EventQueue do
  @moduledoc "Handles queued events; a bad event fails its message, which is retried."

  def handle(message) do
    case decode(message.data) do
      {:ok, event} -> %{message | status: :ok, data: event}
      {:error, reason} -> %{message | status: {:failed, reason}}
    end
  end

  # Acknowledges like a pipeline's test producer: `{:ack, ref, successful, failed}`.
  def push(ref, datas) do
    {ok, failed} =
      datas
      |> Enum.map(&handle(%{data: &1, status: :ok}))
      |> Enum.split_with(&(&1.status == :ok))

    send(self(), {:ack, ref, ok, failed})
    :ok
  end

  defp decode("event:" <> name), do: {:ok, name}
  defp decode(other), do: {:error, {:unsupported, other}}
end
