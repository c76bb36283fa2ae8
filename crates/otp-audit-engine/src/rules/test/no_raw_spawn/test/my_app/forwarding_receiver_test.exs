defmodule MyApp.ForwardingReceiverTest do
  use ExUnit.Case

  defmodule Printer do
    def loop do
      receive do
        :halt ->
          :ok

        event ->
          IO.inspect(event, label: "event")
          loop()
      end
    end
  end

  describe "a forwarder that the setup's on_exit stops" do
    setup do
      parent = self()
      forwarder = spawn(fn -> forward(parent) end)

      on_exit(fn ->
        send(forwarder, :stop)
      end)

      %{forwarder: forwarder}
    end

    test "relays events", %{forwarder: forwarder} do
      send(forwarder, {:event, 1})
      assert_receive {:event, 1}
    end
  end

  describe "a captured loop stopped in on_exit" do
    setup do
      printer = spawn(&Printer.loop/0)
      on_exit(fn -> send(printer, :halt) end)
      %{printer: printer}
    end

    test "prints", %{printer: printer} do
      send(printer, :hello)
      assert Process.alive?(printer)
    end
  end

  describe "an on_exit message the loop does not stop on" do
    setup do
      parent = self()
      forwarder = spawn(fn -> forward(parent) end) #~ test/no-raw-spawn
      on_exit(fn -> send(forwarder, :shutdown) end)
      %{forwarder: forwarder}
    end

    test "relays", %{forwarder: forwarder} do
      send(forwarder, :ping)
      assert_receive :ping
    end
  end

  describe "a loop with no stop clause" do
    setup do
      parent = self()
      relay = spawn(fn -> relay_forever(parent) end) #~ test/no-raw-spawn
      on_exit(fn -> send(relay, :stop) end)
      %{relay: relay}
    end

    test "relays", %{relay: relay} do
      send(relay, :ping)
      assert_receive :ping
    end
  end

  def forward(pid) do
    receive do
      :stop ->
        :ok

      message ->
        send(pid, message)
        forward(pid)
    end
  end

  def relay_forever(pid) do
    receive do
      message ->
        send(pid, message)
        relay_forever(pid)
    end
  end
end
