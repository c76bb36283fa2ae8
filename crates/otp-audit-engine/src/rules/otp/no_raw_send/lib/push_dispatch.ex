defmodule MyApp.PushDispatch do
  @moduledoc """
  Hands a push to the next worker that a dispatcher registered. The variable
  named `pid` is rebound by the `case` clause: the send goes to the worker found,
  not to the dispatcher the registry was asked about.
  """

  def push_async(pid, notification) do
    case MyApp.PushRegistry.next(pid) do
      nil ->
        {:error, :not_started}

      pid ->
        send(pid, {:push, notification}) #~ otp/no-raw-send
        :ok
    end
  end

  # The same lookup, but the clause binds another name: the send goes to the
  # process the registry was asked about, which the message names.
  def push_to_dispatcher(pid, notification) do
    case MyApp.PushRegistry.next(pid) do
      nil ->
        {:error, :not_started}

      _worker ->
        send(pid, {:push, notification}) #~ otp/no-raw-send
        :ok
    end
  end
end
