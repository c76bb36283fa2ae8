defmodule Shop.Resend do
  @moduledoc """
  Re-sends a failed webhook with backoff, as a process of its own.
  """

  @doc """
  Starts a resend process linked to the caller and returns its pid. The process
  tries `fun` until it returns without raising, then stops.
  """
  @spec resend_link((-> any()), keyword()) :: pid
  def resend_link(fun, opts \\ []) do
    {:ok, pid} = GenServer.start_link(Shop.Resend.Attempt, {fun, opts})
    pid
  end

  @doc """
  Starts the delivery log, which keeps every webhook answer for the dashboard.
  """
  @spec log_link(keyword()) :: pid
  def log_link(opts \\ []) do
    {:ok, pid} = GenServer.start_link(Shop.Resend.DeliveryLog, opts) #~ otp/unsupervised-start
    pid
  end
end
