defmodule MyApp.LedgerToolsTest do
  use ExUnit.Case, async: true

  def forward(event, _measurements, meta, pid), do: send(pid, {:event, event, meta})

  # Keys of the environment API's own tests: no other file reads (:ledger_tools, :probe)
  # as an env key (lib's `:probe` is an option), nor the list key.
  test "the env API round-trips a probe key" do
    Application.put_env(:ledger_tools, :probe, :on)
    assert Application.fetch_env!(:ledger_tools, :probe) == :on
    Application.put_env(:ledger_tools, [:nested, :probe], 1)
    assert Application.get_env(:ledger_tools, [:nested, :probe]) == 1
  after
    Application.delete_env(:ledger_tools, :probe)
    Application.delete_env(:ledger_tools, [:nested, :probe])
  end

  test "a key that lib code reads is shared" do
    Application.put_env(:ledger_tools, :export_dir, "/var/exports") #~ test/async-global-state
    assert MyApp.LedgerTools.export_dir() == "/var/exports"
  after
    Application.delete_env(:ledger_tools, :export_dir)
  end

  setup_all do
    # Only fills the variable where the platform leaves it unset.
    if !System.get_env("HOME"), do: System.put_env("HOME", System.user_home!())
    unless System.get_env("LEDGER_TZ") do
      System.put_env("LEDGER_TZ", "Etc/UTC")
    end

    System.put_env("LEDGER_LOCALE", "en") #~ test/async-global-state
    :ok
  end

  # The event comes from lib code that other tests run too, but every assertion pins
  # this test's own value, so their events never satisfy it.
  test "reports carry their name" do
    :telemetry.attach("ledger-report-name", [:ledger_tools, :report], &__MODULE__.forward/4, self())
    name = make_ref()
    MyApp.LedgerTools.report(name, %{})
    assert_received {:event, _, %{name: ^name}}
  after
    :telemetry.detach("ledger-report-name")
  end

  test "reports are counted" do
    :telemetry.attach("ledger-report-count", [:ledger_tools, :report], &__MODULE__.forward/4, self()) #~ test/async-global-state
    MyApp.LedgerTools.report(:daily, %{})
    assert_received {:event, [:ledger_tools, :report], _}
  after
    :telemetry.detach("ledger-report-count")
  end
end
