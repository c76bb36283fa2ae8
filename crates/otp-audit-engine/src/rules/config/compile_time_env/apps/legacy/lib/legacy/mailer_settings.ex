defmodule Legacy.MailerSettings do
  @moduledoc "The mailer's relay, read while the module compiles."

  @relay Application.get_env(:legacy, :relay, "localhost") #~ config/compile-time-env

  def relay, do: @relay
end
