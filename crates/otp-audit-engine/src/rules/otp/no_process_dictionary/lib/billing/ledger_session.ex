defmodule Billing.LedgerSession do
  @moduledoc """
  Runs a function inside a ledger session. The session key is written only inside
  that call and deleted in its `after`, so every read sees the session or nothing.
  """

  def transaction(ledger, fun) do
    :ledger_session
    |> Process.get()
    |> run(ledger, fun)
  end

  def current(opts), do: Process.get(:ledger_session) || opts[:session]

  defp run(nil, ledger, fun) do
    session = Billing.Ledger.open(ledger)
    Process.put(:ledger_session, session)

    try do
      fun.()
    after
      Billing.Ledger.close(session)
      Process.delete(:ledger_session)
    end
  end

  defp run(_session, _ledger, fun), do: fun.()
end

defmodule Billing.LedgerCursor do
  @moduledoc "The cursor key is also written outside any binding: that write is state."

  def advance(n) do
    Process.put(:ledger_cursor, n) #~ otp/no-process-dictionary
  end

  def with_cursor(n, fun) do
    Process.put(:ledger_cursor, n)

    try do
      fun.()
    after
      Process.delete(:ledger_cursor)
    end
  end

  def cursor, do: Process.get(:ledger_cursor)
end
