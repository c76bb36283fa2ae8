defmodule MyApp.BatchLoader do
  @moduledoc "Runs loaders in parallel when there are several, in sequence otherwise."

  def run(loaders, opts) do
    if length(loaders) > 1 and Keyword.get(opts, :in_parallel, true) do
      loaders
      |> Task.async_stream(fn loader -> loader.(opts) end, timeout: :infinity) #~ otp/infinity-timeout
      |> Enum.map(fn
        {:ok, result} -> result
        {:exit, reason} -> exit(reason)
      end)
    else
      Enum.map(loaders, & &1.(opts))
    end
  end

  # No sequential form to mirror: one stuck fetch holds the whole stream.
  def fetch_all(urls) do
    urls
    |> Task.async_stream(&Req.get!/1, timeout: :infinity) #~ otp/infinity-timeout
    |> Enum.to_list()
  end
end
