defmodule Shop.LedgerApi do
  @moduledoc "Public entry points of the ledger client."

  alias Shop.LedgerClient

  @doc """
  Starts a ledger client linked to the caller.

      {:ok, client} = Shop.LedgerApi.open_ledger(url: "https://ledger.example")
  """
  @spec open_ledger(keyword()) :: {:ok, pid()} | {:error, term()}
  def open_ledger(opts \\ []) do
    case validate(opts) do
      {:ok, opts} -> LedgerClient.start_link(opts)
      {:error, reason} -> {:error, reason}
    end
  end

  @doc "A child spec that starts the same client under a supervisor."
  def child_spec(opts) do
    {:ok, opts} = validate(opts)
    %{id: __MODULE__, start: {LedgerClient, :start_link, [opts]}}
  end

  @doc false
  def open_scratch(opts) do
    LedgerClient.start_link(opts) #~ otp/unsupervised-start
  end

  @doc "Opens an audit log next to the ledger."
  def open_audit(opts) do
    Shop.AuditLog.start_link(opts) #~ otp/unsupervised-start
  end

  defp validate(opts) do
    if Keyword.has_key?(opts, :url), do: {:ok, opts}, else: {:error, :missing_url}
  end
end
