defmodule MyApp.OwnerStandInTest do
  use ExUnit.Case, async: true

  test "a session stops when its owner stops" do
    parent = self()

    owner =
      spawn_link(fn ->
        {:ok, session} = MyApp.Sessions.open()
        send(parent, {:session, session})

        receive do
          :stop -> :ok
        end
      end)

    session =
      receive do
        {:session, session} -> session
      end

    assert MyApp.Sessions.alive?(session)
    send(owner, :stop)
  end

  test "unlinked, a crash before the report would hang the bare receive" do
    parent = self()

    owner =
      spawn(fn -> #~ test/no-raw-spawn
        {:ok, session} = MyApp.Sessions.open()
        send(parent, {:session, session})

        receive do
          :stop -> :ok
        end
      end)

    session =
      receive do
        {:session, session} -> session
      end

    send(owner, :stop)
    assert is_pid(session)
  end
end
