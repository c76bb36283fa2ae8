defmodule MyApp.Broken do
  def ok(pid), do: send(pid, :ok) #~ otp/no-raw-send

  def broken(x) do
    case x do
      1 -> :one
      2 -> ) #~ syntax/parse-error
    end
  end
end
