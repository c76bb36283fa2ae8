defmodule MyApp.PoolNames do
  @moduledoc """
  Names derived from module atoms are bounded by the modules that exist: no finding.
  Names built from request data or counters are reported.
  """

  def supervisor_name(instance), do: Module.concat(instance, Supervisor)
  def registry_name(instance), do: Module.concat(instance, "Registry")
  def pool_name(instance, pool), do: Module.concat([instance, Pools, pool])
  def config_name(endpoint), do: Module.concat(endpoint.config.module, "Config")

  def partition_name(registry, index) do
    Module.concat(registry, "Partition" <> Integer.to_string(index))  # no evidence of unbounded input: info with report_without_evidence
  end

  def handler_for(params), do: Module.concat(MyApp.Handlers, params["type"]) #~ sec/unsafe-atom

  def job_table, do: :"jobs_#{System.unique_integer([:positive])}" #~ sec/unsafe-atom

  def tenant_table(tenant), do: :"tenant_#{tenant.id}_events"  # no evidence of unbounded input: info with report_without_evidence

  def adapter(name) do
    module = Module.concat(MyApp.Adapters, Macro.camelize(name))  # no evidence of unbounded input: info with report_without_evidence

    if Code.ensure_loaded?(module), do: module, else: false
  end
end
