defmodule MyApp.NodeStats do
  @moduledoc "Reads another node's counters for a status page; the callbacks run there."

  def fetch_usage(node), do: :erpc.call(node, __MODULE__, :usage_callback, []) #~ otp/infinity-timeout
  def fetch_tables(node, limit), do: :erpc.call(node, __MODULE__, :tables_callback, [limit]) #~ otp/infinity-timeout
  def fetch_report(node), do: :erpc.call(node, __MODULE__, :report_callback, []) #~ otp/infinity-timeout

  @doc false
  def usage_callback do
    %{processes: :erlang.system_info(:process_count), io: io(), memory: :erlang.memory(:total)}
  end

  @doc false
  def tables_callback(limit) do
    for(ref <- :ets.all(), info = table_info(ref), do: info)
    |> Enum.sort_by(&Keyword.fetch!(&1, :size), :desc)
    |> Enum.take(limit)
  end

  @doc false
  def report_callback do
    %{usage: usage_callback(), disk: MyApp.Disk.usage()}
  end

  defp io do
    {{:input, input}, {:output, output}} = :erlang.statistics(:io)
    {input, output}
  end

  defp table_info(ref) do
    case :ets.info(ref) do
      :undefined -> nil
      info -> Keyword.take(info, [:name, :size, :memory])
    end
  end
end
