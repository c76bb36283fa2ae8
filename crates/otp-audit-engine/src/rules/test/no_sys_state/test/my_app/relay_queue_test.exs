defmodule MyApp.RelayQueueTest do
  use ExUnit.Case, async: true

  alias MyApp.Relay

  setup do
    %{relay: start_supervised!(Relay)}
  end

  test "two callers queued behind a slow send share one delivery", %{relay: relay} do
    first = Task.async(fn -> Relay.deliver(relay, :key) end)
    second = Task.async(fn -> Relay.deliver(relay, :key) end)

    await_queued(relay, 2)
    send(relay, {:flush, :key})

    assert [:ok, :ok] == Task.await_many([first, second])
  end

  test "a caller waits in the queue until it is flushed", %{relay: relay} do
    caller = Task.async(fn -> Relay.deliver(relay, :key) end)

    # The same wait, written inline: a bounded loop that sleeps between tries (info).
    queued =
      Enum.find_value(1..50, fn _ ->
        case :sys.get_state(relay) do #~ test/no-sys-state
          %{queued: q} when map_size(q) == 0 ->
            Process.sleep(2)
            nil

          %{queued: q} ->
            q
        end
      end)

    assert queued != nil
    send(relay, {:flush, :key})
    assert :ok == Task.await(caller)
  end

  test "a read in a loop that does not wait is the check itself", %{relay: relay} do
    Relay.deliver(relay, :key)

    sizes =
      Enum.map(1..3, fn _ ->
        map_size(:sys.get_state(relay).queued) #~ test/no-sys-state
      end)

    assert sizes == [0, 0, 0]
  end

  test "the queue is empty after a flush", %{relay: relay} do
    Relay.deliver(relay, :key)
    assert queue_length(relay) == 0
  end

  # Polls until two callers are queued: a wait, not the check (info).
  defp await_queued(relay, expected, tries \\ 50)

  defp await_queued(_relay, _expected, 0), do: flunk("callers never queued")

  defp await_queued(relay, expected, tries) do
    case :sys.get_state(relay) do #~ test/no-sys-state
      %{queued: %{key: callers}} when length(callers) == expected ->
        :ok

      _not_yet ->
        Process.sleep(2)
        await_queued(relay, expected, tries - 1)
    end
  end

  # Returns the count the test asserts on: the check itself (warning).
  defp queue_length(relay) do
    relay |> :sys.get_state() |> Map.get(:queued) |> map_size() #~ test/no-sys-state
  end
end
