defmodule Billing.Locale do
  @moduledoc "The locale a process formats amounts in; each process chooses its own."

  @key :billing_locale

  def put_locale(locale) when is_binary(locale) do
    Process.put(@key, locale)
    :ok
  end

  def locale, do: Process.get(@key, "en")

  def format(amount), do: Billing.Money.format(amount, locale())
end

defmodule Billing.LogTag do
  @moduledoc "A tag that this process's billing log lines start with, next to its metadata."

  require Logger

  def tag, do: Process.get(:billing_log_tag, "")

  def set_tag(tag) do
    Logger.metadata(billing_tag: tag)
    Process.put(:billing_log_tag, "[#{tag}] ")
  end

  def info(message), do: Logger.info([Process.get(:billing_log_tag, ""), message])
end

defmodule Billing.Operator do
  @moduledoc "A getter that nothing in the module consults: a value parked between calls."

  def put_operator(operator), do: Process.put(:billing_operator, operator) #~ otp/no-process-dictionary
  def operator, do: Process.get(:billing_operator, :system)
end

defmodule Billing.Currency do
  @moduledoc "A setter and a getter, but another module of the file reads the key too."

  def put_currency(currency), do: Process.put(:billing_currency, currency) #~ otp/no-process-dictionary
  def currency, do: Process.get(:billing_currency, :eur)
end

defmodule Billing.CurrencyBadge do
  def badge, do: "#{Process.get(:billing_currency, :eur)}"
end

defmodule Billing.StatementWorker do
  @moduledoc "A server callback is not a setter the module offers."
  use GenServer

  @impl true
  def init(account), do: {:ok, account, {:continue, :load}}

  @impl true
  def handle_continue(:load, account) do
    Process.put(:statement_account, account) #~ otp/no-process-dictionary
    {:noreply, account}
  end

  def account, do: Process.get(:statement_account, nil)
end

defmodule Billing.AuditLog do
  @moduledoc "A per-process audit prefix that the module's logging macros splice in."

  require Logger

  @prefix_ast quote(do: Process.get(:billing_audit_prefix, ""))

  def prefix, do: Process.get(:billing_audit_prefix, "")

  def set_prefix(prefix), do: Process.put(:billing_audit_prefix, prefix <> " ")

  defmacro audit(message) do
    quote do
      Logger.info([unquote(@prefix_ast), unquote(message)])
    end
  end
end
