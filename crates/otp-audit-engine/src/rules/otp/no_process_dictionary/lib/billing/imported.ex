defmodule Billing.Imported do
  @moduledoc "Reads the dictionary through an import."
  import Process

  def current_user, do: get(:current_user) #~ otp/no-process-dictionary
end
