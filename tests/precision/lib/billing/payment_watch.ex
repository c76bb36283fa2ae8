defmodule Billing.PaymentWatch do
  @moduledoc "Monitors payment processes for callers that own the :DOWN handling."

  defmodule Attempt do
    @moduledoc false
    defstruct [:pid, :ref, :invoice_id]
  end

  def watch(pid), do: Process.monitor(pid)

  def attempt(pid, invoice_id) do
    %Attempt{pid: pid, ref: Process.monitor(pid), invoice_id: invoice_id}
  end

  def track(attempts, pid) do
    ref = Process.monitor(pid)
    Map.put(attempts, ref, pid)
  end
end
