defmodule MyApp.Quota.Store do
  @moduledoc "Reads saved limits from the settings server."

  def limits(tenant) do
    GenServer.call(MyApp.Settings, {:limits, tenant})
  end
end
