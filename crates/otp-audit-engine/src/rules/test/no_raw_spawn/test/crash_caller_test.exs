defmodule MyApp.CrashCallerTest do
  use ExUnit.Case, async: true

  defmodule Fragile do
    use GenServer

    def start, do: GenServer.start(__MODULE__, %{})

    @impl true
    def init(state), do: {:ok, state}

    # One call the server has no clause for: it crashes with `function_clause`.
    def poke(pid), do: GenServer.call(pid, :poke)

    # Waits without a bound.
    def hold(pid), do: GenServer.call(pid, :hold, :infinity)

    def poke_and_wait(pid) do
      GenServer.call(pid, :poke)

      receive do
        :done -> :ok
      end
    end

    @impl true
    def handle_call(:ping, _from, state), do: {:reply, :pong, state}
  end

  test "a server that gets a request it has no clause for crashes" do
    {:ok, server} = Fragile.start()
    ref = Process.monitor(server)

    # The caller's call exits when the server dies; it ends at once.
    spawn(Fragile, :poke, [server])

    assert_receive {:DOWN, ^ref, :process, ^server, {:function_clause, _}}
  end

  test "a caller that waits forever is still reported" do
    {:ok, server} = Fragile.start()
    spawn(Fragile, :hold, [server]) #~ test/no-raw-spawn
    assert Process.alive?(server)
  end

  test "a caller that then waits for a message is still reported" do
    {:ok, server} = Fragile.start()
    spawn(Fragile, :poke_and_wait, [server]) #~ test/no-raw-spawn
    refute_receive :done
  end
end
