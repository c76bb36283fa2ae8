defmodule Billing.AuditReader do
  @moduledoc "Reads the audit id that Billing.AuditTrail stores."

  def audit_id, do: Process.get(:billing_audit_id, :none) #~ otp/no-process-dictionary
end
