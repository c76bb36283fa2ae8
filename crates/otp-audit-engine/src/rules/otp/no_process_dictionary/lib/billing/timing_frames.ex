defmodule Billing.TimingFrames do
  @moduledoc """
  Per-process timing frames for exclusive-time bookkeeping, and per-process tags
  for the metrics they report. The decorator below pairs every push with a pop in
  an `after` block, so a frame never outlives the decorated call.
  """
  @stack_key {__MODULE__, :frames}
  @tags_key {__MODULE__, :tags}
  @loose_key {__MODULE__, :loose}

  def push_frame(name, started) do
    Process.put(@stack_key, [{name, started} | Process.get(@stack_key, [])])
    :ok
  end

  def pop_frame(finished) do
    case Process.get(@stack_key, []) do
      [{name, started}] ->
        Process.delete(@stack_key)
        {name, finished - started}

      [{name, started} | rest] ->
        Process.put(@stack_key, rest)
        {name, finished - started}
    end
  end

  # Merged like Logger.metadata/1: a per-process setting the module's API offers.
  def tags(new_tags) when is_map(new_tags) do
    Process.put(@tags_key, Map.merge(Process.get(@tags_key, %{}), new_tags))
  end

  def current_tags, do: Process.get(@tags_key, %{})

  def report(name, ms), do: :telemetry.execute([:billing, :timing], %{ms: ms}, Map.put(current_tags(), :name, name))

  # Pushed by callers that never pop: state left behind in the process.
  def mark(name), do: Process.put(@loose_key, [name | Process.get(@loose_key, [])]) #~ otp/no-process-dictionary
  def marks, do: Process.get(@loose_key, [])
end

defmodule Billing.TimingFrames.Decorator do
  @moduledoc "`@decorate timed(\"name\")`: records the decorated function's time."

  def timed(name, body, _context) do
    quote do
      started = System.monotonic_time(:millisecond)
      Billing.TimingFrames.push_frame(unquote(name), started)

      try do
        unquote(body)
      after
        {frame, ms} = Billing.TimingFrames.pop_frame(System.monotonic_time(:millisecond))
        Billing.TimingFrames.report(frame, ms)
      end
    end
  end
end
