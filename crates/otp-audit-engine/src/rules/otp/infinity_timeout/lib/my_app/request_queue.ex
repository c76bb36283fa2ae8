defmodule MyApp.RequestQueue do
  @moduledoc "Sends API requests one bucket at a time, replying to each caller when its response arrives."
  @behaviour :gen_statem

  def start_link(opts), do: :gen_statem.start_link(__MODULE__, opts, [])

  def queue(queue, request, timeout \\ :infinity) do
    :gen_statem.call(queue, {:queue, request}, timeout)
  end

  def lookup(queue, key) do
    :gen_statem.call(queue, {:lookup, key}, :infinity) #~ otp/infinity-timeout
  end

  @impl true
  def callback_mode, do: :state_functions

  @impl true
  def init(_opts), do: {:ok, :connected, %{pending: :queue.new(), cache: %{}}}

  def connected({:call, from}, {:queue, request}, _data) do
    {:keep_state_and_data, {:next_event, :internal, {:queue, {request, from}}}}
  end

  def connected({:call, from}, {:lookup, key}, data) do
    answer_lookup(key, from, data)
  end

  def connected(:internal, {:queue, {request, from}}, data) do
    {:keep_state, %{data | pending: :queue.in({request, from}, data.pending)}}
  end

  def connected(:info, {:response, request, body}, data) do
    {{:value, {^request, from}}, rest} = :queue.out(data.pending)
    {:keep_state, %{data | pending: rest}, [{:reply, from, {:ok, body}}]}
  end

  defp answer_lookup(key, from, data) do
    {:keep_state_and_data, [{:reply, from, Map.get(data.cache, key)}]}
  end
end
