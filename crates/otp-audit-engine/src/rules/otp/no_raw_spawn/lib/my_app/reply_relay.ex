defmodule MyApp.ReplyRelay do
  @moduledoc "Forwards a stream's messages from its owner to whoever asked for them."

  # Ends when the owner or the requester goes down: it cannot outlive what it serves.
  def start(owner, requester) do
    spawn(fn ->
      owner_ref = Process.monitor(owner)
      requester_ref = if owner == requester, do: nil, else: Process.monitor(requester)
      relay(owner_ref, requester_ref, requester)
    end)
  end

  # No `:DOWN` ends this loop: it runs until the node stops.
  def start_forever(requester) do
    spawn(fn ->  #~ otp/no-raw-spawn
      ref = Process.monitor(requester)
      forward(ref, requester)
    end)
  end

  defp relay(owner_ref, requester_ref, requester) do
    receive do
      {:DOWN, ^owner_ref, :process, _, _} ->
        :ok

      {:DOWN, ^requester_ref, :process, _, _} ->
        :ok

      message ->
        send(requester, {:relayed, message})
        relay(owner_ref, requester_ref, requester)
    end
  end

  defp forward(ref, requester) do
    receive do
      {:DOWN, ^ref, :process, _, _} ->
        forward(ref, requester)

      message ->
        send(requester, {:relayed, message})
        forward(ref, requester)
    end
  end
end
