defmodule MyApp.Gauge.SafeCall do
  @moduledoc "Logs a server callback's crash before it is re-raised."
  require Logger

  defmacro log_crash(do: code) do
    quote do
      try do
        unquote(code)
      rescue
        e ->
          Logger.error("callback crashed: " <> Exception.message(e))
          reraise e, __STACKTRACE__
      end
    end
  end

  # Waits for the lock server before the block runs.
  defmacro under_lock(lock, do: code) do
    quote do
      :global.trans({unquote(lock), self()}, fn -> unquote(code) end)
    end
  end
end
