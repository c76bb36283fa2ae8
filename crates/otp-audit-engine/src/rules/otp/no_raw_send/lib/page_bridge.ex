defmodule Ledger.PageBridge do
  @moduledoc "Asks a connected page to run a tool and waits for its answer."

  def run(socket_pid, name, input, timeout) do
    reply_to = Process.monitor(socket_pid, alias: :reply_demonitor)
    send(socket_pid, {:run_tool, reply_to, name, input})

    receive do
      {:page_reply, ^reply_to, value} -> {:ok, value}
      {:DOWN, ^reply_to, :process, _pid, _reason} -> {:error, :disconnected}
    after
      timeout -> {:error, :timeout}
    end
  end

  def notify(socket_pid, name, listener) do
    send(socket_pid, {:watch_tool, listener, name}) #~ otp/no-raw-send
  end
end

defmodule Ledger.PageSocket do
  @moduledoc "The websocket handler of one page: forwards tool runs and routes the answers back."

  def handle_info({:run_tool, reply_to, name, input}, state) do
    ref = System.unique_integer([:positive])
    state = put_in(state.pending[ref], reply_to)
    {:push, {:text, Jason.encode!(%{ref: ref, name: name, input: input})}, state}
  end

  def handle_info({:watch_tool, listener, name}, state) do
    {:ok, put_in(state.watchers[name], listener)}
  end

  def handle_in({:answer, ref, value}, state) do
    {pending, rest} = Map.pop(state.pending, ref)
    if pending, do: send(pending, {:page_reply, pending, value})
    {:ok, %{state | pending: rest}}
  end

  def handle_in({:changed, name}, state) do
    {listener, watchers} = Map.pop(state.watchers, name)
    if listener, do: send(listener, {:tool_changed, name}) #~ otp/no-raw-send
    {:ok, %{state | watchers: watchers}}
  end
end
