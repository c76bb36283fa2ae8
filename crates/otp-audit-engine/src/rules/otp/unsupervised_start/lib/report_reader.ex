defmodule MyApp.ReportReader do
  @moduledoc "Reads a report, loading its sections in parallel when there are several."

  def read(query, opts) do
    {query, stop?} = add_limiter(query, opts)

    try do
      Enum.map(query.sections, &load_section(&1, query))
    after
      if stop?, do: Agent.stop(query.context.limiter)
    end
  end

  def add_limiter(query, opts) do
    if length(query.sections) > 1 do
      {:ok, limiter} = MyApp.SlotLimiter.start_link(opts[:max_concurrency] || 4)
      {%{query | context: Map.put(query.context, :limiter, limiter)}, true}
    else
      {query, false}
    end
  end

  # Nothing stops this one: the caller keeps a linked process it never ends.
  def add_cache(query) do
    {:ok, cache} = MyApp.SlotLimiter.start_link(1) #~ otp/unsupervised-start
    %{query | context: Map.put(query.context, :cache, cache)}
  end

  def read_cached(query) do
    query = add_cache(query)
    Enum.map(query.sections, &load_section(&1, query))
  end

  defp load_section(section, _query), do: section
end
