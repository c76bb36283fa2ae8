defmodule MyApp.DescribeServerTest do
  use ExUnit.Case, async: true

  describe "echo" do
    defmodule Echo do
      use GenServer

      def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)
      def init(nil), do: {:ok, nil}
      def handle_call(msg, _from, state), do: {:reply, msg, state}
    end

    # Started once, for the one test of this describe; no other test names Echo.
    setup do
      {:ok, _} = Echo.start_link([])
      :ok
    end

    test "answers" do
      assert GenServer.call(Echo, :ping) == :ping
    end
  end

  describe "counter" do
    defmodule Counter do
      use GenServer

      def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: __MODULE__)
      def init(n), do: {:ok, n}
      def handle_call(:next, _from, n), do: {:reply, n + 1, n + 1}
    end

    # Two tests: the second may start Counter before the first one's has gone.
    setup do
      {:ok, _} = Counter.start_link([]) #~ test/start-supervised
      :ok
    end

    test "counts" do
      assert GenServer.call(Counter, :next) == 1
    end

    test "counts again" do
      assert GenServer.call(Counter, :next) == 1
    end
  end
end
