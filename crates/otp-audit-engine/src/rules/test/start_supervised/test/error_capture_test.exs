defmodule MyApp.ErrorCaptureTest do
  use ExUnit.Case

  defmodule Exploding do
    use GenServer
    def start_link, do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
    @impl true
    def init(state), do: {:ok, state}
    @impl true
    def handle_call(:raise, _from, _state), do: raise("boom")
    def handle_call(:sleep, _from, _state), do: Process.sleep(:infinity)
  end

  # The test crashes the server it started, through its registered name, and waits
  # for the call's exit: the process is gone before the test goes on.
  test "a raising call is captured" do
    Process.flag(:trap_exit, true)
    Exploding.start_link()
    catch_exit(GenServer.call(Exploding, :raise))
    assert_receive {:EXIT, _pid, {%RuntimeError{message: "boom"}, _}}
  end

  # Near miss: a call with its own timeout gives up and leaves the server asleep
  # under its name.
  test "a slow call times out" do
    Exploding.start_link() #~ test/start-supervised
    catch_exit(GenServer.call(Exploding, :sleep, 50))
    assert Process.whereis(Exploding)
  end
end
