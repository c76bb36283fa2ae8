defmodule MyApp.BucketStore do
  @moduledoc "Rate-limit buckets in an ETS table this server owns."
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  def delete_bucket(id), do: GenServer.call(__MODULE__, {:delete_bucket, id}) #~ otp/call-timeout

  def refill(id), do: GenServer.call(__MODULE__, {:refill, id}) #~ otp/call-timeout

  @impl true
  def init(_), do: {:ok, %{table: :ets.new(:buckets, [:set, :protected])}}

  @impl true
  def handle_call({:delete_bucket, id}, _from, state) do
    {:reply, delete_matching(state.table, id), state}
  end

  def handle_call({:refill, id}, _from, state) do
    {:reply, MyApp.Refill.run(state.table, id), state}
  end

  defp delete_matching(table, id) do
    import Ex2ms

    spec =
      fun do
        {{bucket, _}, _, _, _} when bucket == ^id -> true
      end

    :ets.select_delete(table, spec)
  end
end
