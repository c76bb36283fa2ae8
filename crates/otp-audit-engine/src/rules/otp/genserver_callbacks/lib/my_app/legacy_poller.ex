defmodule MyApp.LegacyPoller do #~ otp/genserver-callbacks
  @moduledoc "Written against :gen_server directly, without `use GenServer`."
  @behaviour GenServer

  def start_link(url), do: :gen_server.start_link(__MODULE__, url, [])

  def handle_info(:poll, url) do
    _ = MyApp.Http.get(url)
    {:noreply, url}
  end

  def handle_call(_msg, _from, url), do: {:reply, :ok, url}
  def handle_cast(_msg, url), do: {:noreply, url}
end
