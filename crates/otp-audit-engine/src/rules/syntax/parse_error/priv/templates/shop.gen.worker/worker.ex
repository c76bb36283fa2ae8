defmodule <%= inspect(app_module) %>.Workers.<%= worker_name %> do
  use GenServer

  def start_link(opts) do
    GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  end

  @impl true
  def init(opts), do: {:ok, Map.new(opts)}
end
