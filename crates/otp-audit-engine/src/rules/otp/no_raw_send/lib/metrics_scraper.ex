defmodule MyApp.MetricsScraper do
  @moduledoc """
  Started by a pipeline with `%{pipeline: pid}`. `init/1` hands its work to
  `do_init/1`, which tells the pipeline where the metrics table is.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(options) do
    with_errors_logged(fn -> do_init(options) end)
  end

  # The pipeline that started this process, taken out of the `init/1` argument: info.
  defp do_init(%{pipeline: pipeline, sink: sink}) do
    table = :ets.new(:scraped_metrics, [:public])
    send(pipeline, {:metrics_table, table}) #~ otp/no-raw-send
    # A pid from elsewhere in the argument is still the starter's choice of observer.
    send(sink, {:metrics_table, table}) #~ otp/no-raw-send
    {:ok, %{table: table}}
  end

  defp with_errors_logged(fun), do: fun.()
end
