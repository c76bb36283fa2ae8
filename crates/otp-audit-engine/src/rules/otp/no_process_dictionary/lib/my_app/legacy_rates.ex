defmodule MyApp.LegacyRates do
  @moduledoc """
  Old entry points kept for one more release. Each process warns once that they are
  deprecated; the flag in the process dictionary only stops the warning repeating.
  """
  require Logger

  def convert(amount, from, to) do
    warn_deprecated_once()
    MyApp.Rates.convert(amount, from, to)
  end

  defp warn_deprecated_once do
    if Process.get({__MODULE__, :warned}) == nil do
      Logger.warning("MyApp.LegacyRates is deprecated, call MyApp.Rates instead")
      Process.put({__MODULE__, :warned}, true)
    end
  end

  # A counter in the dictionary is state the caller cannot see: still reported.
  def lookups do
    count = (Process.get({__MODULE__, :lookups}) || 0) + 1
    Process.put({__MODULE__, :lookups}, count) #~ otp/no-process-dictionary
    count
  end
end
