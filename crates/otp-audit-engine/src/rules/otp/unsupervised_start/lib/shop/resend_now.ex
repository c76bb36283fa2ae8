defmodule Shop.ResendNow do
  @moduledoc """
  Re-sends a webhook and waits for the outcome in the calling process.
  """

  def resend(fun, opts \\ []) do
    {:ok, _pid} = GenServer.start_link(Shop.Resend.Attempt, {fun, [notify: self()] ++ opts})

    receive do
      {:resent, result} -> {:ok, result}
    after
      10_000 -> {:error, :timeout}
    end
  end

  def answers_after_start(opts \\ []) do
    {:ok, log} = GenServer.start_link(Shop.Resend.DeliveryLog, opts) #~ otp/unsupervised-start

    receive do
      {:answer, answer} -> GenServer.cast(log, {:answer, answer})
    after
      1_000 -> :ok
    end

    log
  end
end
