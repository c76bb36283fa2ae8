defmodule Billing.ProcessNames do
  @moduledoc "Names processes for whoever inspects them; the workers call it from init/1."

  def name_process(name), do: Process.put(:__billing_name__, name) #~ otp/no-process-dictionary

  # A name that the module reads back is state it depends on.
  def name_run(run), do: Process.put(:__billing_run_name__, run) #~ otp/no-process-dictionary
  def current_run, do: Process.get(:__billing_run_name__)
end
