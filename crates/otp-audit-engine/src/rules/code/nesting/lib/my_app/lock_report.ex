defmodule MyApp.LockReport do
  @moduledoc "Checks a lock file and explains what is wrong with it."

  def check(lock, opts) do
    cond do
      opts[:strict] ->
        unused = unused_entries(lock)

        if unused != [] do
          # The fn formats the error message; it is not a branch of check/2.
          raise ArgumentError, """
          unused entries in the lock file:

          #{Enum.map_join(unused, "\n", fn name -> "  * #{inspect(name)}" end)}
          """
        end

      true ->
        :ok
    end
  end

  def prune(lock, opts) do
    cond do
      opts[:strict] ->
        if lock != %{} do
          Enum.reject(lock, fn {name, entry} -> #~ code/nesting
            entry.unused? and name not in opts[:keep]
          end)
        end

      true ->
        lock
    end
  end

  defp unused_entries(lock), do: for({name, %{unused?: true}} <- lock, do: name)
end
