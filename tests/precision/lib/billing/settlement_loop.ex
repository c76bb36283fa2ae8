defmodule Billing.SettlementLoop do
  @moduledoc "Runs settlement batches in linked processes and records how each ended."

  def start_link(batches) do
    Task.start_link(fn -> run(batches) end)
  end

  defp run(batches) do
    Process.flag(:trap_exit, true)

    running =
      Map.new(batches, fn batch ->
        {:ok, pid} =
          Task.Supervisor.start_child(Billing.TaskSupervisor, fn ->
            Billing.Settlement.settle(batch)
          end)

        Process.link(pid)
        {pid, batch}
      end)

    loop(running)
  end

  defp loop(running) when map_size(running) == 0, do: :ok

  defp loop(running) do
    receive do
      message -> message |> settle_message(running) |> loop()
    end
  end

  defp settle_message({:EXIT, pid, :normal}, running), do: Map.delete(running, pid)

  defp settle_message({:EXIT, pid, reason}, running) do
    {batch, running} = Map.pop(running, pid)
    Billing.Settlement.failed(batch, reason)
    running
  end

  defp settle_message(_other, running), do: running
end
