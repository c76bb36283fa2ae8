defmodule Ledger.StreamRequests do
  @moduledoc "A pool that streams each pending request's answer back to whoever asked."
  @behaviour :gen_statem

  def callback_mode, do: :state_functions

  def init(opts), do: {:ok, :ready, %{requests: %{}, owner: opts[:owner]}}

  def ready({:call, {pid, _} = from}, {:fetch, ref, key}, data) do
    pending = %{caller_pid: pid, request_ref: ref, key: key}
    {:keep_state, put_in(data.requests[ref], pending), [{:reply, from, :ok}]}
  end

  def ready(:info, {:chunk, ref, bytes}, data) do
    pending = data.requests[ref]
    send(pending.caller_pid, {pending.request_ref, {:data, bytes}})
    :keep_state_and_data
  end

  def ready(:info, {:closed, reason}, data) do
    Enum.each(data.requests, fn {_ref, pending} ->
      send(pending.caller_pid, {pending.request_ref, {:error, reason}})
    end)

    {:keep_state, %{data | requests: %{}}}
  end

  # The tag is not the request's own ref: a plain message to the caller.
  def ready(:info, {:progress, ref}, data) do
    pending = data.requests[ref]
    send(pending.caller_pid, {data.owner, :progress}) #~ otp/no-raw-send
    :keep_state_and_data
  end

  def ready(:info, {:forward, ref, other}, data) do
    pending = data.requests[ref]
    send(pending.caller_pid, {other.request_ref, :moved}) #~ otp/no-raw-send
    :keep_state_and_data
  end
end

defmodule Ledger.OutputRelay do
  @moduledoc "Forwards output to its owner, tagged with the run's ref but not as a reply."
  use GenServer

  def init(opts), do: {:ok, %{owner: opts[:owner], ref: opts[:ref]}}

  def handle_info({:output, text}, state) do
    send(state.owner, {:run_output, state.ref, text}) #~ otp/no-raw-send
    {:noreply, state}
  end
end
