defmodule MyApp.Testing.RenderHelpers do
  @moduledoc "Test helpers shipped in lib: renders pages through a proxy under the test supervisor."

  def start_renderer(opts) do
    {:ok, sup} = ExUnit.fetch_test_supervisor()
    Supervisor.start_child(sup, {MyApp.Renderer, opts})
  end

  # Bounded by the ExUnit test timeout.
  def render(pid, page), do: GenServer.call(pid, {:render, page}, :infinity)
end
