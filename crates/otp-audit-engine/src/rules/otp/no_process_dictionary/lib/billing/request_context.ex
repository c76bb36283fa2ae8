defmodule Billing.RequestContext do
  @moduledoc "Carries the current tenant and request id through a request."

  def put_tenant(tenant_id) do
    Process.put(:tenant_id, tenant_id) #~ otp/no-process-dictionary
  end

  def tenant, do: Process.get(:tenant_id)

  def tenant!(default), do: Process.get(:tenant_id, default)

  def request_id do
    :request_id
    |> Process.get() #~ otp/no-process-dictionary
  end

  def clear do
    Process.delete(:tenant_id)
    :erlang.erase(:request_id) #~ otp/no-process-dictionary
  end

  def dump do
    %{
      all: Process.get(),
      keys: Process.get_keys(),
      tenant_keys: Process.get_keys("acme") #~ otp/no-process-dictionary
    }
  end

  def erlang_style(id) do
    :erlang.put({:request, id}, System.monotonic_time()) #~ otp/no-process-dictionary
    :erlang.get({:request, id})
  end

  def reset do
    :erlang.get()
    :erlang.get_keys()
    :erlang.erase() #~ otp/no-process-dictionary
  end

  def readers, do: [&Process.get/1, &:erlang.get/1] #~ otp/no-process-dictionary, otp/no-process-dictionary
end
