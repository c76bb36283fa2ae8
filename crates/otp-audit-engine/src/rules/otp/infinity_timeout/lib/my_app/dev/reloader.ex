defmodule MyApp.Dev.Reloader do
  @moduledoc "Recompiles the project on request while a developer runs the server."
  use GenServer

  alias MyApp.Dev.Capture

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # Waiting for the compiler to finish is the point: the request needs fresh code.
  def reload!, do: GenServer.call(__MODULE__, :reload, :infinity)

  @impl true
  def init(opts), do: {:ok, Map.new(opts)}

  @impl true
  def handle_call(:reload, _from, state) do
    {:ok, capture} = Capture.start()
    result = Mix.Task.run("compile", ["--no-deps-check"])
    output = Capture.stop(capture)
    {:reply, {result, output}, state}
  end
end
