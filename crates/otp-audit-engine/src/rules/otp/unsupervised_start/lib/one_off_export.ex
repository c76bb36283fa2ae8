defmodule MyApp.OneOffExport do
  @moduledoc """
  Starts a small supervision tree for one export, uses it, and stops it again in the
  same function.
  """

  def export(endpoints, topic, rows) do
    with {:ok, pid} <- MyApp.ExportSupervisor.start_link(endpoints: endpoints, topic: topic) do
      MyApp.Exporter.push(topic, rows)
      Process.unlink(pid)
      Supervisor.stop(pid)
    end
  end

  # The same start, but nothing stops it here.
  def export_and_leave(endpoints, topic, rows) do
    with {:ok, _pid} <- MyApp.ExportSupervisor.start_link(endpoints: endpoints, topic: topic) do #~ otp/unsupervised-start
      MyApp.Exporter.push(topic, rows)
    end
  end
end
