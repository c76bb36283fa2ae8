defmodule Shop.Net.Cluster do
  @moduledoc "Runs maintenance work on other nodes and in raw Erlang processes."

  def warm_caches(nodes) do
    for node <- nodes do
      Node.spawn(node, Shop.Cache, :warm, []) #~ otp/no-raw-spawn
    end
  end

  def watch_node(node) do
    Node.spawn_link(node, fn -> Shop.Cache.warm() end) #~ otp/no-raw-spawn
  end

  def start_sweeper do
    Process.spawn(Shop.Cache, :sweep, [], [:link]) #~ otp/no-raw-spawn
  end

  def start_sweeper(opts) do
    Process.spawn(fn -> Shop.Cache.sweep(opts) end, [:monitor]) #~ otp/no-raw-spawn
  end

  def erlang_forms do
    :erlang.spawn(Shop.Cache, :sweep, []) #~ otp/no-raw-spawn
    :erlang.spawn_link(fn -> :ok end) #~ otp/no-raw-spawn
    :erlang.spawn_opt(fn -> :ok end, [:link, {:priority, :high}]) #~ otp/no-raw-spawn
    :erlang.spawn_request(fn -> :ok end) #~ otp/no-raw-spawn
    :proc_lib.spawn(fn -> :ok end) #~ otp/no-raw-spawn
  end

  def start_link(opts) do
    # No init_ack in this module: not a special process.
    :proc_lib.spawn_link(Shop.Cache, :loop, [opts]) #~ otp/no-raw-spawn
  end
end
