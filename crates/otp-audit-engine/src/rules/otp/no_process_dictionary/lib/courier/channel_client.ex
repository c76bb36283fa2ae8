defmodule Courier.ChannelClient do
  @moduledoc """
  A channel client behaviour: `push/3` and `join/2` are called from the user's
  callbacks, which get the opaque transport and return only their own state.
  """

  def push(transport, topic, payload) do
    ref = next_ref()
    :ok = transport.adapter.deliver(transport, {:push, topic, payload, ref})
    {:ok, ref}
  end

  def join(transport, topic) do
    ref = next_ref()
    Process.put({__MODULE__, {:join_ref, topic}}, ref) #~ otp/no-process-dictionary
    :ok = transport.adapter.deliver(transport, {:join, topic, ref})
    {:ok, ref}
  end

  @doc false
  def reinit(state) do
    Process.get_keys()
    |> Enum.filter(&match?({__MODULE__, _}, &1))
    |> Enum.each(&Process.delete/1)

    %{state | transport: nil}
  end

  defp next_ref do
    ref = Process.get({__MODULE__, :ref}, 0) + 1
    Process.put({__MODULE__, :ref}, ref) #~ otp/no-process-dictionary
    ref
  end
end

defmodule Courier.PollClient do
  @moduledoc false

  def poll(transport, topic) do
    ref = Process.get({__MODULE__, :ref}, 0) + 1
    Process.put({__MODULE__, :ref}, ref) #~ otp/no-process-dictionary
    :ok = transport.adapter.deliver(transport, {:poll, topic, ref})
    {:ok, ref}
  end
end
