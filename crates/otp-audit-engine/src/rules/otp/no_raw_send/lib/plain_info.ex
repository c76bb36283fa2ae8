defmodule MyApp.PlainInfo do
  @moduledoc "Not a cowboy loop handler: an info/3 here is an ordinary function, not a message handler."

  def info({:put_header, name, value}, acc, _opts), do: Map.put(acc, name, value)

  def put_header(pid, name, value), do: send(pid, {:put_header, name, value}) #~ otp/no-raw-send
end
