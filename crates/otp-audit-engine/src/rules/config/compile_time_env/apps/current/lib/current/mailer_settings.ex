defmodule Current.MailerSettings do
  @moduledoc "The same read in a project that requires Elixir 1.11: the fix is safe."

  @relay Application.get_env(:current, :relay, "localhost") #~ config/compile-time-env

  def relay, do: @relay
end
