defmodule Billing.BootWatch do
  @moduledoc false
  # Registers a zero-arity callback that OTP's :heart process runs: it gets no
  # argument or state, so only the dictionary of the heart process can carry a value.
  require Logger

  def arm do
    :ok = :heart.set_callback(__MODULE__, :check)
  end

  def check do
    minutes = div(:erlang.monotonic_time(:second), 60)
    warn_once(minutes)
  end

  def warn_once(minutes) do
    if minutes != Process.get(:last_warned) do
      Logger.warning("boot not confirmed after #{minutes} minutes")
      Process.put(:last_warned, minutes) #~ otp/no-process-dictionary
    end

    :ok
  end
end

defmodule Billing.QuietBootWatch do
  @moduledoc false
  # The same with a key namespaced by the module: nothing to change.
  def arm, do: :heart.set_callback(__MODULE__, :check)

  def check do
    if Process.get({__MODULE__, :armed_at}) == nil do
      Process.put({__MODULE__, :armed_at}, System.monotonic_time())
    end

    :ok
  end
end

defmodule Billing.Reminder do
  @moduledoc false
  # Not a heart callback: it runs in whoever calls it, so the usual finding stands.
  def remind(minutes) do
    if minutes != Process.get(:last_reminded) do
      Process.put(:last_reminded, minutes) #~ otp/no-process-dictionary
    end
  end
end
