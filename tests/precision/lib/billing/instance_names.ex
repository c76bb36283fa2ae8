defmodule Billing.InstanceNames do
  @moduledoc """
  Process names of a billing instance. Names derived from the instance module are
  bounded by the modules that exist; names built from request data are not.
  """

  def supervisor(instance), do: Module.concat(instance, Supervisor)
  def registry(instance), do: Module.concat(instance, "Registry")
  def ledger(instance, currency_module), do: Module.concat([instance, Ledgers, currency_module])

  def provider_module(params) do
    Module.concat(Billing.Providers, Macro.camelize(params["provider"])) #~ sec/unsafe-atom
  end

  def tenant_table(tenant_id), do: :"billing_tenant_#{tenant_id}"
end
