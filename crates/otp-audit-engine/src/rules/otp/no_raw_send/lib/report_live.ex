defmodule MyAppWeb.ReportLive do
  @moduledoc """
  A page of the integration test app: the test passes its registered name as the
  `test_process` parameter and waits for the report task to say where it is.
  """

  def mount(params, _session, socket) do
    if socket.connected?, do: start_report_task(params["test_process"])
    {:ok, socket}
  end

  defp start_report_task(nil), do: :ok

  defp start_report_task(test_process) do
    notify = String.to_existing_atom(test_process)

    Task.start(fn ->
      send(notify, {:report_task, self()}) #~ otp/no-raw-send

      receive do
        :generate -> send(notify, :report_generated) #~ otp/no-raw-send
      end
    end)
  end

  # A name from elsewhere is still a raw send.
  def announce(listener_name), do: send(String.to_existing_atom(listener_name), :ready) #~ otp/no-raw-send
end
