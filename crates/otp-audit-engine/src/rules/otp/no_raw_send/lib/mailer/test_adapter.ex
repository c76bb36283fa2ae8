defmodule MyApp.Mailer.TestAdapter do
  @moduledoc "The mailer adapter for tests: each delivery becomes a message to the test."

  # The test process the adapter looks up: a notice for it, not a raw message.
  def deliver(email, _config) do
    send(test_process(), {:delivered_email, email}) #~ otp/no-raw-send
    {:ok, email}
  end

  # A test that delivers from another process names itself here.
  defp test_process, do: Application.get_env(:my_app, :shared_test_process) || self()

  # Not a test process by name: the send stays a raw message.
  def notify_outbox(email), do: send(outbox(), {:queued, email}) #~ otp/no-raw-send

  defp outbox, do: Application.fetch_env!(:my_app, :outbox)
end

defmodule MyApp.Mailer.TestAssertions do
  @moduledoc "What a test calls to see the mails the test adapter delivered."

  def last_delivered(timeout \\ 100) do
    receive do
      {:delivered_email, email} -> email
    after
      timeout -> nil
    end
  end
end

defmodule MyApp.Mailer.Outbox do
  @moduledoc "Holds queued mails until the sender drains them."
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  @impl true
  def init(queue), do: {:ok, queue}

  @impl true
  def handle_info({:queued, email}, queue), do: {:noreply, [email | queue]}
end
