defmodule MyApp.RecordedTimesTest do
  use ExUnit.Case, async: true

  alias MyApp.Journal

  setup do
    %{car: MyApp.Fixtures.car()}
  end

  test "a new state closes the previous one at its start", %{car: car} do
    {:ok, %{started_at: first}} = Journal.enter_state(car, :parked)
    # Journal keeps whole seconds: the second state must start in a later second.
    Process.sleep(1_100)
    {:ok, %{started_at: second}} = Journal.enter_state(car, :driving)
    assert DateTime.compare(second, first) == :gt
  end

  test "the newest lines are listed first", %{car: car} do
    for n <- 1..4 do
      line = %{"at" => DateTime.utc_now(), "text" => "line #{n}"}
      :ok = MyApp.LineBuffer.push(car, line)
      Process.sleep(3)
    end

    assert [%{"text" => "line 4"} | _] = MyApp.LineBuffer.newest(car)
  end

  test "the gauge shows the latest reading", %{car: car} do
    MyApp.Readings.save(car, %{gauge: "oil", value: 3})
    Process.sleep(50) #~ test/no-sleep
    MyApp.Readings.save(car, %{gauge: "oil", value: 4})
    assert MyApp.Readings.latest(car, "oil") == 4
  end

  test "two casts to the same server are still a guess", %{car: car} do
    pid = start_supervised!({MyApp.Odometer, car: car})
    GenServer.cast(pid, {:add, 5})
    Process.sleep(20) #~ test/no-sleep
    GenServer.cast(pid, {:add, 7})
    assert MyApp.Odometer.total(pid) == 12
  end

  test "a sleep before a different call still guesses", %{car: car} do
    MyApp.Readings.save_later(car, %{gauge: "oil", value: 3})
    Process.sleep(50) #~ test/no-sleep
    assert MyApp.Readings.latest(car, "oil") == 3
  end

  test "published posts are listed newest first" do
    first = MyApp.Posts.publish!(%{title: "one"})
    # Publishing stamps whole seconds: the second post must land in a later one.
    :timer.sleep(1000)
    second = MyApp.Posts.publish!(%{title: "two"})
    assert Enum.map(MyApp.Posts.newest_first(), & &1.id) == [second.id, first.id]
  end

  test "a finalizer runs before the record is deleted", %{car: car} do
    # Both pipelines set the connection on a request; what runs is the last stage.
    # The sleep waits for the watcher process to see the update: a guess.
    {:ok, record} =
      car
      |> MyApp.Api.get()
      |> MyApp.Api.put_conn(:local)
      |> MyApp.Api.wait_until(& &1.finalized)

    Process.sleep(500) #~ test/no-sleep

    record
    |> MyApp.Api.delete()
    |> MyApp.Api.put_conn(:local)
    |> MyApp.Api.run()

    assert_receive {:deleted, _}
  end
end
