# fixture: needs the project (MyApp.Relay's struct is read from lib/my_app/relay.ex)
defmodule MyApp.RelayTest do
  use ExUnit.Case, async: true

  defmodule Collector do
    use MyApp.Relay

    def start_link(test_pid), do: MyApp.Relay.start_link(__MODULE__, test_pid)

    @impl true
    def init(test_pid), do: {:ok, test_pid}

    @impl true
    def handle_job(job, test_pid) do
      send(test_pid, {:job, job})
      {:noreply, test_pid}
    end
  end

  # The library's own tests look at the struct every relay keeps: white-box, info.
  test "pushed jobs wait until a listener joins" do
    {:ok, relay} = Collector.start_link(self())
    MyApp.Relay.push(relay, :resize)
    assert {[:resize], []} = :sys.get_state(relay).pending #~ test/no-sys-state
  end

  test "a listener that joins twice is kept once" do
    {:ok, relay} = Collector.start_link(self())
    :ok = MyApp.Relay.join(relay, self())
    :ok = MyApp.Relay.join(relay, self())
    relay_state = :sys.get_state(relay) #~ test/no-sys-state
    assert map_size(relay_state.listeners) == 1
  end

  # A field the library's struct does not have: not its internals, still a warning.
  test "the callback's own counter" do
    {:ok, relay} = Collector.start_link(self())
    assert :sys.get_state(relay).jobs_seen == 0 #~ test/no-sys-state
  end
end

defmodule MyApp.InventoryTest do
  use ExUnit.Case, async: true

  # An application's own GenServer, not a behaviour the project offers: a warning.
  test "reserving an item marks it" do
    inventory = start_supervised!(MyApp.Inventory)
    :ok = MyApp.Inventory.reserve(inventory, "sku-1")
    assert %{"sku-1" => true} = :sys.get_state(inventory).reserved #~ test/no-sys-state
  end
end
