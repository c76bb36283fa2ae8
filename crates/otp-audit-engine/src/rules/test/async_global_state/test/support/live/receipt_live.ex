defmodule MyAppWeb.ReceiptLive do
  @moduledoc "A LiveView only the receipt tests visit; it reports to the test that registered the watcher."
  use Phoenix.LiveView

  def mount(%{"case" => "slow_print"}, _session, socket) do
    send(:receipt_print_watcher, {:printing, self()})
    {:ok, assign(socket, footer: footer())}
  end

  def mount(_params, _session, socket), do: {:ok, assign(socket, footer: footer())}

  def render(assigns), do: ~H"<p>{@footer}</p>"

  defp footer, do: Application.get_env(:my_app, :receipt_footer, "")
end
