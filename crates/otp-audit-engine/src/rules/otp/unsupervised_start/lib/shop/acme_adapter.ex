defmodule Shop.AcmeAdapter do
  @moduledoc "Owns the certificate processes of one site, as a Parent."
  use Parent.GenServer

  def start_link(opts), do: Parent.GenServer.start_link(__MODULE__, opts)

  @impl GenServer
  def init(opts), do: {:ok, opts, {:continue, :start_children}}

  @impl GenServer
  def handle_continue(:start_children, opts) do
    Parent.start_all_children!([
      Parent.child_spec(Shop.Acme.Server,
        id: :acme_server,
        # The parent calls this fn to start the child, and restarts it.
        start: fn -> start_acme_server(opts) end
      )
    ])

    {:noreply, opts}
  end

  defp start_acme_server(opts) do
    case Keyword.fetch(opts, :acme_port) do
      {:ok, port} -> Shop.Acme.Server.start_link(port, opts)
      :error -> :ignore
    end
  end

  # Near miss: a helper no child spec names.
  def start_probe(opts) do
    Shop.Acme.Probe.start_link(opts) #~ otp/unsupervised-start
  end
end
