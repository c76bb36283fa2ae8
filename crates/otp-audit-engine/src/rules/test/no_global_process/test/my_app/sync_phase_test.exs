defmodule MyApp.SyncPhaseTest do
  use ExUnit.Case, async: false

  # MyApp.Syncer is the library's own singleton, started by its application under
  # its module name; there is no second instance to start.

  test "a pending handshake is answered once the sync completes" do
    {_phase, data} = :sys.get_state(MyApp.Syncer)
    :sys.replace_state(MyApp.Syncer, fn _ -> {:syncing, %{data | pending: [self()]}} end)

    GenServer.cast(MyApp.Syncer, {:sync_done, self()})

    assert_receive {:handshake, _from}
    assert elem(:sys.get_state(MyApp.Syncer), 0) == :idle
  end

  test "a rewrite driven on but never checked may leave any state behind" do
    {_phase, data} = :sys.get_state(MyApp.Syncer) #~ test/no-global-process
    :sys.replace_state(MyApp.Syncer, fn _ -> {:syncing, %{data | pending: [self()]}} end) #~ test/no-global-process

    GenServer.cast(MyApp.Syncer, {:sync_done, self()}) #~ test/no-global-process

    assert_receive {:handshake, _from}
  end
end

defmodule MyApp.SyncPhaseAsyncTest do
  use ExUnit.Case, async: true

  test "with async: true other tests meet the rewritten state meanwhile" do
    {_phase, data} = :sys.get_state(MyApp.Syncer) #~ test/no-global-process
    :sys.replace_state(MyApp.Syncer, fn _ -> {:syncing, %{data | pending: [self()]}} end) #~ test/no-global-process

    GenServer.cast(MyApp.Syncer, {:sync_done, self()}) #~ test/no-global-process

    assert_receive {:handshake, _from}
    assert elem(:sys.get_state(MyApp.Syncer), 0) == :idle #~ test/no-global-process
  end
end
