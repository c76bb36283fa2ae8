defmodule MyApp.EnvelopeSender do
  @moduledoc "Posts envelopes; failures are logged through the project's Logger wrapper."

  alias MyApp.LogUtils

  def send_direct(envelope, client) do
    if client.enabled? do
      case MyApp.Transport.post(envelope, client) do
        {:ok, _id} ->
          :ok

        {:error, error} ->
          # A lazy message for the wrapper: data only, no level.
          LogUtils.log(fn -> "failed to send envelope: #{inspect(error)}" end)
          {:error, error}
      end
    end
  end

  def send_all(envelopes, client) do
    if client.enabled? do
      case MyApp.Transport.post_many(envelopes, client) do
        {:error, errors} ->
          # Not a log call: a fn three levels deep.
          Enum.each(errors, fn e -> MyApp.Retry.later(e) end) #~ code/nesting
          :error

        ok ->
          ok
      end
    end
  end
end

defmodule MyApp.LogUtils do
  @moduledoc false
  require Logger

  def log(message_fun), do: Logger.log(:warning, message_fun)
end
