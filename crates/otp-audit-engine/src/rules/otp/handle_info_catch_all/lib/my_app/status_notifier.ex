defmodule MyApp.StatusNotifier do
  @moduledoc "Posts status changes to a webhook; owns no connection itself."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{url: opts[:url]}}

  @impl true
  def handle_info({:status, status}, state) do
    MyApp.Http.post(state.url, %{status: status})
    {:noreply, state}
  end

  # The HTTP client's connection pool leaks this into the calling process; no
  # socket of this module sends anything else.
  def handle_info({:ssl_closed, _details}, state), do: {:noreply, state} #~ otp/handle-info-catch-all
end
