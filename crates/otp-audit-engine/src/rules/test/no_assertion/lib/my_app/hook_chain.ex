defmodule MyApp.HookChain do
  @moduledoc "Runs the first configured hook."

  def run([], _arg), do: {:error, :no_hooks}
  def run([hook | _], arg), do: {:ok, hook.handle(arg)}
end
