defmodule MyApp.Pool.Ids do
  @moduledoc "Pool ids: a record, and names derived from it."
  require Record

  Record.defrecord(:id, tenant: nil, user: nil, mode: :session)

  def tenant_key(id), do: {:tenant, id(id, :tenant)}

  def label(id), do: "#{id(id, :tenant)}/#{id(id, :user)}"
end
