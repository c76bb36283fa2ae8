defmodule Sync.Blocking do
  @moduledoc """
  Runs a sync attempt and waits for its result in the calling process.
  """

  def run(fun, opts \\ []) do
    {:ok, _pid} = Sync.Attempt.start_link(fun, Keyword.put(opts, :notify_to, self()))

    receive do
      {:attempt_done, result} -> result
    after
      30_000 -> {:error, :timeout}
    end
  end
end
