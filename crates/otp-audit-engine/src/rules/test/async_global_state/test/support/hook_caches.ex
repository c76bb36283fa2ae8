defmodule MyApp.TestCaches.Cache do
  @moduledoc "A cache that many test modules start."
  def start_link(opts), do: Agent.start_link(fn -> %{} end, name: Keyword.get(opts, :name, __MODULE__))
  def put(cache, key, value), do: Agent.update(cache, &Map.put(&1, key, value))
end

defmodule MyApp.TestCaches.AuditHook do
  @moduledoc "A hook that only the audit hook tests install; it reports to their process."
  def after_put(key), do: send(:audit_hook_probe, {:after_put, key})
end

defmodule MyApp.TestCaches.SharedHook do
  @moduledoc "A hook that two test modules install."
  def after_put(key), do: send(:shared_hook_probe, {:after_put, key})
end
