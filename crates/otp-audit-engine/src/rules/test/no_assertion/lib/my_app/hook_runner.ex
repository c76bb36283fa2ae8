defmodule MyApp.HookRunner do
  @moduledoc "Runs the hooks a user configures; a failing hook never takes the caller down."

  def run(hook, arg) do
    {:ok, hook.handle(arg)}
  catch
    kind, reason -> {:error, {kind, reason}}
  end

  def run_all(hooks, arg), do: Enum.map(hooks, &run(&1, arg))
end
