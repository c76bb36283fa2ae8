defmodule MyApp.RateLimiterRestartTest do
  use ExUnit.Case

  alias MyApp.RateLimiter

  test "the limiter comes back after a crash" do
    pid = Process.whereis(RateLimiter) #~ test/no-global-process
    ref = Process.monitor(pid)
    Process.exit(pid, :kill)
    assert_receive {:DOWN, ^ref, :process, ^pid, :killed}
  end

  test "killing by name" do
    Process.exit(Process.whereis(MyApp.RateLimiter), :kill) #~ test/no-global-process
    Process.exit(MyApp.RateLimiter, :shutdown) #~ test/no-global-process
  end

  test "only reading the app instance in a sync module is fine" do
    assert :ok = GenServer.call(RateLimiter, {:hit, "read-only"})
    assert is_pid(Process.whereis(MyApp.Mailer))
  end
end

defmodule MyApp.MailerStateTest do
  use ExUnit.Case

  test "rewriting the state of a global process" do
    :sys.replace_state(MyApp.Mailer, fn s -> %{s | paused: true} end) #~ test/no-global-process
    assert GenServer.call(MyApp.Mailer, :paused?) #~ test/no-global-process
  end

  # stop_supervised!/1 reaches only the test's own children: it cannot stop the
  # application's MyApp.Queue (it would raise), so nothing leaks to later tests.
  test "stop_supervised! stops only what the test supervises" do
    GenServer.cast(MyApp.Queue, :drain)
    stop_supervised!(MyApp.Queue)
  end
end

defmodule MyApp.RateLimiterRecoveryTest do
  use ExUnit.Case

  test "a piped kill the test waits to see undone" do
    MyApp.RateLimiter
    |> Process.whereis()
    |> Process.exit(:kill)

    wait_until_registered(MyApp.RateLimiter)
    assert :ok = GenServer.call(MyApp.RateLimiter, {:hit, "after restart"}, 1_000)
  end

  test "a piped kill nobody waits for leaves the next test without a limiter" do
    MyApp.RateLimiter #~ test/no-global-process
    |> Process.whereis()
    |> Process.exit(:kill)
  end

  defp wait_until_registered(name) do
    if Process.whereis(name), do: :ok, else: wait_until_registered(name)
  end
end
