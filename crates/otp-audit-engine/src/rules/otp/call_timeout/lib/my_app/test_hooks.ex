defmodule MyApp.Uplink do
  @moduledoc "Client API of the uplink connection."

  def status(conn), do: :gen_statem.call(conn, :status) #~ otp/call-timeout

  # Made public for testing. Only meant to be used in tests.
  def get_socket(conn) do
    :gen_statem.call(conn, :get_socket)
  end

  @doc false
  # Only used in tests: forces the flush that a timer runs otherwise.
  def force_flush(conn), do: GenServer.call(conn, :force_flush)

  @doc """
  Replaces a setting of a running uplink. This is test induced damage: you
  probably should not call it.
  """
  def __put_setting__(conn, key, value), do: GenServer.call(conn, {:put_setting, key, value})

  @doc "Drops every pending request. Test-only."
  def drop_pending(conn), do: GenServer.call(conn, :drop_pending)

  # Only used in tests.

  # A blank line parts the comment above from this function: reported.
  def reconnect(conn), do: GenServer.call(conn, :reconnect) #~ otp/call-timeout
end
