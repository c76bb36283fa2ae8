defmodule Courier.ScanTrace do
  @moduledoc """
  Tags log lines and telemetry with the scan being processed. The scan context is
  a stack bound for one call and restored afterwards, even when the scan raises.
  """

  require Logger

  @context_key {__MODULE__, :context}

  def within_scan(scan_id, fun) when is_function(fun, 0) do
    outer = Process.get(@context_key)
    Process.put(@context_key, [scan_id | outer || []])

    try do
      Logger.metadata(scan_id: scan_id)
      fun.()
    after
      if outer, do: Process.put(@context_key, outer), else: Process.delete(@context_key)
    end
  end

  def current_scans, do: Process.get(@context_key, [])

  def replaying(fun) do
    Process.put(:courier_replay, true)
    fun.()
  after
    Process.delete(:courier_replay)
  end

  def replay?, do: Process.get(:courier_replay, false)
end
