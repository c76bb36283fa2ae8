defmodule MediaKit.Worker do
  @moduledoc """
  The GenServer shape shared by MediaKit's workers: `use MediaKit.Worker, settle_ms: 20`.
  The using module writes `init/1` and its own `handle_info/2` clauses.
  """

  defmacro __using__(opts) do
    settle_ms = Keyword.get(opts, :settle_ms, 20)

    quote location: :keep do
      use GenServer
      require Logger

      @settle_ms unquote(settle_ms)

      def start_link(arg), do: GenServer.start_link(__MODULE__, arg, name: __MODULE__)

      def flush(timeout \\ 5_000), do: GenServer.call(__MODULE__, :flush, timeout)

      @impl true
      def handle_call(:flush, _from, state) do
        Process.sleep(@settle_ms) #~ otp/blocking-in-callback
        {:reply, :ok, state}
      end

      def handle_call(:stats, _from, state) do
        {:reply, Map.take(state, [:done, :failed]), state}
      end

      defoverridable handle_call: 3
    end
  end

  @doc "A log line for a finished job, built where the macro is called."
  defmacro log_done(job) do
    quote do
      Logger.info("job done", job_id: unquote(job).id)
    end
  end

  @doc "AST of a settle step for the code generator; data, never run here."
  def settle_step(ms), do: quote(do: Process.sleep(unquote(ms)))

  defmacro passthrough(expr), do: quote(do: unquote(expr))
end
