defmodule Shop.Commands.Restart do
  @moduledoc "An admin command that restarts the node once its answer has gone out."
  require Logger

  # The task's job is to end the node (through `Shop.Node.reboot/0`, in another
  # file): there is no shutdown for it to be part of.
  def run(_args) do
    {:ok, _pid} =
      Task.start(fn ->
        Logger.info("restart requested")
        Process.sleep(500)
        Shop.Node.reboot()
      end)

    {:ok, :restarting}
  end

  # The same, with the halt in this module.
  def run_now(_args) do
    Task.start(fn -> halt_soon() end)
    :ok
  end

  defp halt_soon do
    Process.sleep(100)
    System.halt(0)
  end

  # Near miss: a task that only logs goes on after shutdown began.
  def announce(_args) do
    Task.start(fn -> Shop.Node.announce(:restart) end) #~ otp/unsupervised-start
  end
end
