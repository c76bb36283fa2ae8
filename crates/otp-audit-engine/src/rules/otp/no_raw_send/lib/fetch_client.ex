defmodule MyApp.FetchClient do
  @moduledoc "Sends a request to a worker and waits for its answer, tagged with a ref."

  def fetch(worker, request, timeout \\ 5_000) do
    ref = make_ref()
    :ok = MyApp.FetchWorker.request(worker, request, self(), ref)

    receive do
      {:fetch_response, ^ref, result} -> result
    after
      timeout -> {:error, :timeout}
    end
  end
end
