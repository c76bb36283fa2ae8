defmodule MyApp.ScriptAgent do
  @moduledoc "Test support: an Agent that hands out scripted callbacks in order."

  def next(pid, step, args) do
    callback =
      Agent.get_and_update(pid, fn
        [{^step, callback} | rest] when is_function(callback) ->
          {callback, rest}

        [] = state ->
          if step == :shutdown,
            do: {fn _, _ -> :ok end, []},
            else: raise("unexpected #{inspect(step)}, script was #{inspect(state)}")
      end)

    apply(callback, args)
  end

  def next_logged(pid, step, args) do
    callback =
      Agent.get_and_update(pid, fn
        [{^step, callback} | rest] when is_function(callback) ->
          {callback, rest}

        [] = state ->
          if step == :shutdown,
            do: {fn _, _ -> IO.puts("shutting down") end, []}, #~ code/nesting
            else: raise("unexpected #{inspect(step)}, script was #{inspect(state)}")
      end)

    apply(callback, args)
  end
end
