defmodule Billing.Plugins.Dunning do
  @moduledoc "Sends payment reminders; switched off unless configured."

  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    if Keyword.get(opts, :enabled, false) do
      {:ok, opts, {:continue, :schedule}}
    else
      :ignore
    end
  end

  @impl true
  def handle_continue(:schedule, opts) do
    Billing.Reminders.schedule(opts)
    {:noreply, opts}
  end
end
