defmodule Shop.PowerOff do
  @moduledoc "Reboots or powers the appliance off when the operator asks."
  require Logger

  @grace_ms 30_000

  @doc "Runs the shutdown in a process of its own, so a supervisor stopping the caller cannot cut it short."
  def reboot, do: run(:reboot)

  def poweroff, do: run(:poweroff)

  defp run(cmd) do
    _ = spawn(fn -> shut_down(cmd) end)
    Process.sleep(@grace_ms)
  after
    :erlang.halt()
  end

  defp shut_down(cmd) do
    Logger.info("appliance told to #{cmd}")
    _ = System.cmd("logger", ["-t", "shop", to_string(cmd)])
    :ok = :init.stop()
    Process.sleep(@grace_ms)
  after
    :erlang.halt()
  end

  @doc "Flushes the journal in the background: work that a supervisor should own."
  def flush_journal do
    spawn(fn -> write_journal() end) #~ otp/no-raw-spawn
  end

  defp write_journal, do: File.write!("/data/journal", "flushed")
end
