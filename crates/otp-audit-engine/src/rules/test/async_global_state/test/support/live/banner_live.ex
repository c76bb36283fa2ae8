defmodule MyAppWeb.BannerLive do
  @moduledoc "A LiveView two test modules visit."
  use Phoenix.LiveView

  def mount(_params, _session, socket) do
    if pid = Process.whereis(:banner_watcher), do: send(pid, {:mounted, self()})
    {:ok, assign(socket, text: "Sale")}
  end

  def render(assigns), do: ~H"<p>{@text}</p>"
end
