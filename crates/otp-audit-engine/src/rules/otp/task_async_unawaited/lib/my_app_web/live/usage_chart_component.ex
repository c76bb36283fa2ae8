defmodule MyAppWeb.UsageChartComponent do
  @moduledoc "Loads the usage chart after the first render."
  use Phoenix.LiveComponent

  # Runs in the parent LiveView's process: the reply goes to that view, whose
  # handle_info({ref, {:ok, data}}, socket) hands it back with send_update/3.
  def update(%{account: account}, socket) do
    Task.async(MyApp.Usage, :chart_data, [account.id]) #~ otp/task-async-unawaited
    {:ok, assign(socket, loading: true)}
  end

  def update(%{data: data}, socket), do: {:ok, assign(socket, data: data, loading: false)}
end
