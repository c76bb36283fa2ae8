defmodule App.Worker do
  # A template the installer copies into new projects (the generator renames the
  # module): not code of this project, so no rule reads it.
  def start(arg), do: spawn(fn -> loop(arg) end)

  defp loop(state) do
    receive do
      {:get, from} ->
        send(from, state)
        loop(state)
    end
  end
end
