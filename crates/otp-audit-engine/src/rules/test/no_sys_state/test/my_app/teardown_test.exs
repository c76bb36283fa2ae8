defmodule MyApp.TeardownTest do
  use ExUnit.Case, async: true

  alias MyApp.Uplink

  setup do
    {:ok, link} = Uplink.start_link(target: "127.0.0.1:7000")
    on_exit(fn -> stop_and_wait(link) end)
    %{link: link}
  end

  test "a dead feeder is restarted", %{link: link} do
    st = :sys.get_state(link) #~ test/no-sys-state
    feeder = st.feed && st.feed[:feeder_pid]
    if feeder, do: Process.exit(feeder, :kill)
    assert Uplink.status(link) == :up
  end

  # Control: the handle is compared, not acted on.
  test "the feeder is recorded", %{link: link} do
    st = :sys.get_state(link) #~ test/no-sys-state
    feeder = st.feed && st.feed[:feeder_pid]
    assert feeder == Uplink.feeder(link)
  end

  # A teardown helper: the feeder is dug out only to wait until it has exited.
  defp stop_and_wait(link) do
    if Process.alive?(link) do
      st = :sys.get_state(link) #~ test/no-sys-state
      feeder = st.feed && st.feed[:feeder_pid]
      ref = Process.monitor(link)
      Uplink.stop(link)

      receive do
        {:DOWN, ^ref, :process, ^link, _} -> :ok
      after
        1_000 -> :ok
      end

      if feeder && Process.alive?(feeder) do
        feeder_ref = Process.monitor(feeder)

        receive do
          {:DOWN, ^feeder_ref, :process, ^feeder, _} -> :ok
        after
          1_000 -> :ok
        end
      end
    end
  end
end
