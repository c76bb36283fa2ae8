defmodule MyApp.SessionRelay do
  @moduledoc "Finds the page process of a session from a signed token and tells it the outcome."

  def complete(token, result) do
    page = MyApp.PageToken.decode_pid(token)
    notify(page, result)
  end

  # `page` here is a parameter: the decode call above names another variable, and it
  # converts a token rather than talking to a process.
  defp notify(page, result) when is_pid(page) do
    send(page, {:session_result, result}) #~ otp/no-raw-send
  end

  defp notify(_page, _result), do: :ok

  # A module of this project that is called with the pid: its own client function is
  # the advice, not a dependency's maintainers.
  def cancel(page) do
    MyApp.Page.touch(page)
    send(page, {:cancel, self()}) #~ otp/no-raw-send
  end
end
