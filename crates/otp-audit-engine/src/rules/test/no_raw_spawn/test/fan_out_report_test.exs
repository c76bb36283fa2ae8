defmodule MyApp.FanOutReportTest do
  use ExUnit.Case, async: true

  test "concurrent picks spread over every backend" do
    parent = self()
    pool = MyApp.Pool.new([:a, :b, :c])

    for _ <- 1..8 do
      spawn_link(fn ->
        picks = for _ <- 1..100, do: MyApp.Pool.pick(pool)
        send(parent, {:picks, picks})
      end)
    end

    picks =
      for _ <- 1..8, reduce: [] do
        acc ->
          receive do
            {:picks, more} -> more ++ acc
          end
      end

    assert length(picks) == 800
  end

  test "an untagged report taken by the test's first receive" do
    parent = self()

    spawn_link(fn ->
      {:ok, conn} = MyApp.Conn.start_link([])
      send(parent, MyApp.Conn.os_pid(conn))
    end)

    os_pid =
      receive do
        os_pid -> os_pid
      end

    assert is_integer(os_pid)
  end

  test "an untagged report that no clause takes as a whole" do
    parent = self()

    spawn_link(fn -> #~ test/no-raw-spawn
      send(parent, MyApp.Pool.pick(MyApp.Pool.new([:a])))
    end)

    receive do
      {:ok, pick} -> assert pick == :a
    end
  end

  test "a worker whose report is checked with assert_receive" do
    parent = self()
    spawn(fn -> send(parent, {:warmed, MyApp.Pool.warm(:a)}) end)
    assert_receive {:warmed, :ok}
  end

  test "an owner whose end is checked through Elixir.Process where Process is another module" do
    alias MyApp.Conn, as: Process
    parent = self()

    owner =
      spawn(fn ->
        {:ok, conn} = Process.start_link([])
        send(parent, {:conn, conn})
        :exit = recv_from(parent)
      end)

    assert_receive {:conn, _conn}
    send(owner, {self(), :exit})
    refute Elixir.Process.alive?(owner)
  end

  test "Process.alive? of the alias is not the pid's liveness" do
    alias MyApp.Conn, as: Process
    parent = self()

    owner =
      spawn(fn -> #~ test/no-raw-spawn
        {:ok, conn} = Process.start_link([])
        send(parent, {:conn, conn})
        :exit = recv_from(parent)
      end)

    assert_receive {:conn, _conn}
    send(owner, {self(), :exit})
    refute Process.alive?(owner)
  end

  defp recv_from(sender) do
    receive do
      {^sender, term} -> term
    after
      3000 -> raise "recv timeout"
    end
  end

  test "a stand-in pid only carried in a forged exit message" do
    {:ok, conn} = MyApp.Conn.start_link([])
    stranger = spawn(fn -> :ok end)
    send(conn, {:EXIT, stranger, :boom})
    assert Process.alive?(conn)
  end

  test "a worker that keeps reporting, never waited for" do
    parent = self()

    for _ <- 1..4 do
      spawn_link(fn -> #~ test/no-raw-spawn
        Stream.repeatedly(fn -> MyApp.Pool.pick(MyApp.Pool.new([:a])) end)
        |> Enum.each(&send(parent, {:picked, &1}))
      end)
    end

    assert MyApp.Pool.size() == 0
  end

  test "a dead pid used as an argument, not only as data" do
    gone = spawn(fn -> :ok end) #~ test/no-raw-spawn
    assert {:error, :noproc} = MyApp.Conn.ping(gone)
  end
end
