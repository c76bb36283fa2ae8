defmodule MyApp.IngestPipeline do
  @moduledoc "Loads each processor's sink settings once, and lets the sink module update them."
  use Broadway

  alias Broadway.Message

  def start_link(opts) do
    Broadway.start_link(__MODULE__,
      name: __MODULE__,
      producer: [module: opts[:producer]],
      processors: [default: [concurrency: 4]],
      context: %{sink_id: opts[:sink_id], sink_mod: opts[:sink_mod]}
    )
  end

  @impl true
  def handle_message(_processor, %Message{} = message, context) do
    context = runtime_context(context)
    {result, next} = context.sink_mod.deliver(message.data, context)
    keep_context(context, next)
    if result == :ok, do: message, else: Message.failed(message, result)
  end

  defp runtime_context(context) do
    case Process.get(:ingest_context) do
      nil ->
        loaded = Map.put(context, :settings, MyApp.Sinks.settings!(context.sink_id))
        Process.put(:ingest_context, loaded) #~ otp/no-process-dictionary
        loaded

      kept ->
        kept
    end
  end

  defp keep_context(same, same), do: :ok
  defp keep_context(_old, next), do: Process.put(:ingest_context, next)
end

defmodule MyApp.RateWindow do
  @moduledoc "Looks like a memo, but the window is rewritten as requests come."

  def window do
    case Process.get(:rate_window) do
      nil ->
        fresh = %{count: 0, since: System.monotonic_time(:millisecond)}
        Process.put(:rate_window, fresh) #~ otp/no-process-dictionary
        fresh

      window ->
        window
    end
  end

  def hit do
    Process.put(:rate_window, Map.update!(window(), :count, &(&1 + 1)))
  end
end
