defmodule Shop.Store.TestRun do
  @moduledoc "A load-test run against the store: a product feature, started from the admin page."

  def launch(opts) do
    {:ok, pid} = Agent.start_link(fn -> %{started_at: DateTime.utc_now(), opts: opts} end) #~ otp/unsupervised-start
    pid
  end
end
