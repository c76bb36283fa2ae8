defmodule MyApp.WarmRunner do
  @moduledoc """
  Triggers a cache's warmers. With `wait: true` (what start-up uses for required
  warmers) each task blocks until its warmer is done; otherwise it only notifies.
  """

  def run(warmers, opts) do
    wait = Keyword.get(opts, :wait, false)

    warmers
    |> Enum.map(&start_warm(&1, wait))
    |> Task.yield_many(:infinity) #~ otp/infinity-timeout
    |> Enum.map(fn {_task, {:ok, name}} -> name end)
  end

  defp start_warm(name, wait) do
    Task.async(fn ->
      warm(name, wait)
      name
    end)
  end

  defp warm(name, true), do: GenServer.call(name, :warm, :infinity) #~ otp/infinity-timeout
  defp warm(name, _), do: send(name, :warm)
end
