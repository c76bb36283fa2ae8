defmodule MyApp.HttpResponse do
  # A local send/3 is our own function, not Kernel.send/2.
  def send(conn, status, body), do: {conn, status, body}

  def ok(conn), do: send(conn, 200, "ok")
end

defmodule MyApp.Mailer do
  import Kernel, except: [send: 2]

  def send(email, opts), do: {:queued, email, opts}

  def deliver(email), do: send(email, priority: :high)
end
