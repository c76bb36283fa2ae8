# fixture: needs the project
defmodule VerifyRelay.Callback do
  @moduledoc "A request process asks the page that started a verification for its state."

  # The request written by hand: reported here, once, for the whole protocol.
  def fetch_pending(page) do
    send(page, {:get_pending, self()}) #~ otp/no-raw-send

    receive do
      {:pending, state} -> {:ok, state}
    after
      5_000 -> {:error, :timeout}
    end
  end

  # Sent with self() but nothing waits for an answer here: a notification.
  def announce(page) do
    send(page, {:hello, self()}) #~ otp/no-raw-send
    :ok
  end
end
