defmodule MyApp.MissingEnd do
  def run(pid) do
    send(pid, :go) #~ otp/no-raw-send
  end
 #~ syntax/parse-error
