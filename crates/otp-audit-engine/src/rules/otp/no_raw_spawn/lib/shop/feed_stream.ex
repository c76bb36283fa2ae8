defmodule Shop.FeedStream do
  @moduledoc "A stream backed by a sidecar that watches its spawner and is killed when the stream closes."

  def open(topic) do
    parent = self()
    {pid, ref} = spawn_monitor(fn -> watch(parent, topic) end)
    Shop.Feed.log_opened(topic)
    {pid, ref}
  end

  def open_detached(topic) do
    owner = Shop.Feed.owner(topic)
    {pid, ref} = spawn_monitor(fn -> watch(owner, topic) end) #~ otp/no-raw-spawn
    Shop.Feed.log_opened(topic)
    {pid, ref}
  end

  def close({pid, ref}) do
    Process.demonitor(ref, [:flush])
    Process.exit(pid, :kill)
    :ok
  end

  defp watch(parent, topic) do
    parent_ref = Process.monitor(parent)
    Shop.Feed.subscribe(topic)
    loop(parent, parent_ref)
  end

  defp loop(parent, parent_ref) do
    receive do
      {:DOWN, ^parent_ref, _, _, reason} ->
        exit(reason)

      {:feed, item} ->
        send(parent, {:item, item})
        loop(parent, parent_ref)
    end
  end
end
