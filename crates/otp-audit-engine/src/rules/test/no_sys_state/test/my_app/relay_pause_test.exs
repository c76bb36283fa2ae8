# fixture: needs the project (MyApp.Relay's struct is read from lib/my_app/relay.ex)
defmodule MyApp.RelayPauseTest do
  use ExUnit.Case, async: true

  defmodule Sink do
    use MyApp.Relay

    def start_link(test_pid), do: MyApp.Relay.start_link(__MODULE__, test_pid)

    @impl true
    def init(test_pid), do: {:ok, test_pid}

    @impl true
    def handle_job(_job, test_pid), do: {:noreply, test_pid}
  end

  test "a new relay starts unpaused with no listener" do
    {:ok, relay} = Sink.start_link(self())
    assert_idle(relay)
  end

  test "a field the struct lacks is the callback's own state" do
    {:ok, relay} = Sink.start_link(self())
    %{backlog: backlog} = :sys.get_state(relay) #~ test/no-sys-state
    assert backlog == nil
  end

  # The library's struct read through a pattern in a helper: white-box, info.
  defp assert_idle(relay) do
    %MyApp.Relay{paused?: paused?, listeners: listeners} = :sys.get_state(relay) #~ test/no-sys-state
    refute paused?
    assert listeners == %{}
  end
end
