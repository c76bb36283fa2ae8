defmodule MyApp.BatchWriter do
  @moduledoc "Writes batches of a stream, several at a time when asked to."

  def write_batches(stream, callback, opts) do
    max_concurrency = Keyword.get(opts, :max_concurrency, 1)

    if max_concurrency > 1 do
      stream
      |> Task.async_stream(
        fn batch ->
          try do
            {:ok, callback.(batch)}
          catch
            value -> {:throw, value}
          end
        end,
        timeout: :infinity, #~ otp/infinity-timeout
        max_concurrency: max_concurrency
      )
      |> Stream.transform([], fn
        {:ok, {:throw, value}}, _acc -> throw(value)
        {:ok, {:ok, result}}, acc -> {[result], acc}
        {:exit, reason}, _acc -> exit(reason)
      end)
    else
      Stream.map(stream, callback)
    end
  end

  def write_reduced(stream, callback, opts) do
    if opts[:parallel?] do
      stream
      |> Task.async_stream(fn batch -> callback.(batch) end, timeout: :infinity) #~ otp/infinity-timeout
      |> Enum.map(fn {:ok, result} -> result end)
    else
      stream
      |> Stream.transform([], fn batch, acc -> {[callback.(batch)], acc} end)
      |> Enum.to_list()
    end
  end

  # The other branch loops over something else: no twin.
  def write_all(stream, other, callback) do
    if other == [] do
      stream
      |> Task.async_stream(fn batch -> callback.(batch) end, timeout: :infinity) #~ otp/infinity-timeout
      |> Enum.to_list()
    else
      Stream.map(other, callback) |> Enum.to_list()
    end
  end
end
