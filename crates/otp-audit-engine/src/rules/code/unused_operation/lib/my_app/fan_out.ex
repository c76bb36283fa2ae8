defmodule MyApp.FanOut do
  @moduledoc "Loops run for what their function does, with the result dropped."

  require Logger

  def notify_all(subscribers, event) do
    # The accumulator is never read: Enum.each/2 says the same thing.
    Enum.reduce(subscribers, 0, fn pid, _count -> send(pid, {:event, event}) end) #~ code/unused-operation
    :ok
  end

  def dispatch(subscribers, message) do
    # The accumulator (a cache of encoded payloads) carries state between steps:
    # an effectful reduce like this is "each with state", and stays quiet.
    Enum.reduce(subscribers, %{}, fn
      {pid, format}, cache when is_map_key(cache, format) ->
        send(pid, cache[format])
        cache

      {pid, format}, cache ->
        payload = MyApp.Codec.encode(message, format)
        send(pid, payload)
        Map.put(cache, format, payload)
    end)

    :ok
  end

  def print_rows(rows, printer) do
    Enum.reduce(rows, 0, fn row, width ->
      printer.(row)
      width + String.length(row)
    end)

    IO.puts("")
  end

  def log_each(rows) do
    Enum.filter(rows, &Logger.info(inspect(&1))) #~ code/unused-operation
    :ok
  end

  def total(rows) do
    # A pure function: the call computes a value nobody reads.
    Enum.reduce(rows, 0, fn row, sum -> sum + row.amount end) #~ code/unused-operation
    :ok
  end

  def settled(rows) do
    _ = Enum.reduce(rows, %{}, fn row, seen -> Map.put(seen, row.id, MyApp.Ledger.settle(row)) end)
    :ok
  end

  # Stops at the first entry that is not a keyword list: `Enum.each` would check the
  # rest too, so the message does not offer it as a drop-in.
  def validate_sections(config) do
    Enum.all?(config, fn #~ code/unused-operation
      {section, value} when is_atom(section) ->
        Keyword.keyword?(value) || raise(ArgumentError, "section #{section} must be a keyword list")

      _ ->
        false
    end)

    config
  end
end
