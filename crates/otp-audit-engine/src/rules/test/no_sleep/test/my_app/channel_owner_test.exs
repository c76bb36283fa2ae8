defmodule MyApp.ChannelOwnerTest do
  use ExUnit.Case

  alias MyApp.ChannelOwner

  test "the channel dies with its owner" do
    {:ok, owner} = ChannelOwner.start_link(name: :owner_test)
    Process.unlink(owner)
    {:ok, channel} = ChannelOwner.channel(:owner_test)

    Process.exit(owner, :kill)
    Process.sleep(50) #~ test/no-sleep
    refute Process.alive?(channel.pid)
    # The channel's connection goes down with it.
    refute Process.alive?(channel.conn_pid)
  end

  # Near miss: the check is on the killed process itself.
  test "the owner goes down" do
    {:ok, owner} = ChannelOwner.start_link(name: :owner_test)
    Process.unlink(owner)

    Process.exit(owner, :kill)
    Process.sleep(50) #~ test/no-sleep
    refute Process.alive?(owner)
  end
end
