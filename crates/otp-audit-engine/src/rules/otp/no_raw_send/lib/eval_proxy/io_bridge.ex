defmodule MyApp.EvalProxy.IOBridge do
  @moduledoc """
  Runs next to an evaluation and asks the session that owns it for files. The
  session answers each request with the reply tag the request function names.
  """
  use GenServer

  def start_link(owner), do: GenServer.start_link(__MODULE__, owner)

  @impl true
  def init(owner), do: {:ok, %{owner: owner}}

  @impl true
  def handle_call({:attachment_path, name}, _from, state) do
    {:reply, attachment_path(name, state), state}
  end

  def handle_call({:attachment_spec, name}, _from, state) do
    {:reply, attachment_spec(name, state), state}
  end

  # Each request carries this process's pid, and a shared helper sends it and then
  # waits for the answer: a call written by hand.
  defp attachment_path(name, state) do
    request = {:attachment_path_request, self(), name}
    reply_tag = :attachment_path_reply

    with {:ok, reply} <- ask_owner(state, request, reply_tag), do: reply
  end

  defp attachment_spec(name, state) do
    ask_owner(state, {:attachment_spec_request, self(), name}, :attachment_spec_reply)
  end

  defp ask_owner(state, request, reply_tag) do
    send(state.owner, request)
    ref = Process.monitor(state.owner)

    receive do
      {^reply_tag, reply} ->
        Process.demonitor(ref, [:flush])
        {:ok, reply}

      {:DOWN, ^ref, :process, _pid, _reason} ->
        {:error, :owner_down}
    end
  end
end
