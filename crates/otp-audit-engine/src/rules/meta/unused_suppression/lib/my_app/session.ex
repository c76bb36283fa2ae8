defmodule MyApp.Session do
  @moduledoc "Request-scoped session data, kept in the process dictionary for now."

  def put_current(user) do
    # otp-audit:disable-for-next-line otp/no-process-dictionary -- request-scoped cache
    Process.put(:current_user, user)
  end

  def current do
    # otp-audit:disable-for-next-line otp/no-process-dictionary, otp/no-raw-send
    Process.get(:current_user)
  end

  def notify(pid) do
    # otp-audit:disable-for-next-line otp/no-raw-send #~ meta/unused-suppression
    {:session_changed, pid}
  end
end
