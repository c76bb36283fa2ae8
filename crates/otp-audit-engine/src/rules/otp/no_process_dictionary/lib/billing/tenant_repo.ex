defmodule Billing.TenantRepo do
  @moduledoc "Each repo that uses it keeps the current tenant per process, as Ecto's multi-tenancy guide does."

  defmacro __using__(_opts) do
    quote do
      require Logger
      @tenant_key {__MODULE__, :tenant_id}

      def put_tenant_id(id) do
        Logger.metadata(tenant_id: id)
        Process.put(@tenant_key, id)
      end

      def get_tenant_id, do: Process.get(@tenant_key)

      def default_options(_operation), do: [tenant_id: get_tenant_id()]
    end
  end
end

defmodule Billing.SpanTracer do
  @moduledoc "A tracer whose span context is per process; the reader falls back with ||."

  def get_context, do: Process.get(:billing_span_context) || %{owner: self()}

  def set_context(context) do
    Process.put(:billing_span_context, context)
    :ok
  end

  def emit(event), do: send(get_context().owner, {:trace, event})
end

defmodule Billing.ParkedInvoice do
  @moduledoc "Parks a value for a later call; nothing in the module consults it."

  def remember(invoice), do: Process.put(:billing_last_invoice, invoice) #~ otp/no-process-dictionary
  def last, do: Process.get(:billing_last_invoice)
end
