defmodule MyApp.EvalProxy.SessionHost do
  @moduledoc """
  Owns an evaluation and answers its IOBridge's requests for attachments.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{files: Keyword.get(opts, :files, %{}), store: Keyword.fetch!(opts, :store)}}

  @impl true
  def handle_info({:attachment_path_request, reply_to, name}, state) do
    # The bridge waits in its own receive for exactly this reply: the answer half of
    # its hand-written call, also when it is sent from a callback later.
    with_path(state, name, fn
      {:ok, path} -> MyApp.Store.fetch_async(state.store, path, fn local -> send(reply_to, {:attachment_path_reply, {:ok, local}}) end)
      {:error, reason} -> send(reply_to, {:attachment_path_reply, {:error, reason}})
    end)

    {:noreply, state}
  end

  def handle_info({:attachment_spec_request, reply_to, name}, state) do
    case Map.fetch(state.files, name) do
      {:ok, spec} -> send(reply_to, {:attachment_spec_reply, {:ok, spec}})
      :error -> send(reply_to, {:attachment_spec_reply, :error})
    end

    {:noreply, state}
  end

  # Nobody builds this request with its own pid and waits for the answer: the pid
  # is a subscriber's, and the notice is a raw message to it.
  def handle_info({:attachment_watch, watcher}, state) do
    send(watcher, {:attachment_changed, Map.keys(state.files)}) #~ otp/no-raw-send
    {:noreply, state}
  end

  defp with_path(state, name, fun) do
    case Map.fetch(state.files, name) do
      {:ok, %{path: path}} -> fun.({:ok, path})
      :error -> fun.({:error, :unknown_attachment})
    end
  end
end
