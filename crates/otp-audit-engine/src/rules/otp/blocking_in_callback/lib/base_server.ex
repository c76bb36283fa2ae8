defmodule MediaKit.BaseServer do
  @moduledoc "Shared GenServer shape for the media workers; `use MediaKit.BaseServer`."

  # The quote is code of every module that uses it: its handle_call/3 is a callback
  # there, and it blocks the server. It has no init/1 and no catch-all handle_info/2,
  # which the using module supplies, so the whole-module rules stay silent.
  defmacro __using__(opts) do
    quote do
      use GenServer
      @settle_ms unquote(Keyword.get(opts, :settle_ms, 50))

      @impl true
      def handle_call(:flush, _from, state) do
        Process.sleep(@settle_ms) #~ otp/blocking-in-callback
        {:reply, :ok, state}
      end

      def handle_info(:settled, state), do: {:noreply, state}

      defoverridable handle_call: 3
    end
  end

  # Quotes that are data: a fragment for a code generator, and a passthrough.
  def settle_ast(ms), do: quote(do: Process.sleep(unquote(ms)))

  defmacro settled(expr), do: quote(do: unquote(expr))
end
