defmodule Billing.ResponseCapture do
  @moduledoc """
  A client library calls `capture/2` inline in the caller's process and gives it no
  way to return extra data, so the raw responses are parked under a fresh
  reference for the duration of `with_capture/1`.
  """

  def with_capture(fun) do
    ref = open()

    try do
      fun.(ref)
    after
      close(ref)
    end
  end

  def open do
    ref = make_ref()
    Process.put(ref, [])
    ref
  end

  def close(ref), do: Process.delete(ref)

  def capture(ref, response), do: Process.put(ref, [response | Process.get(ref, [])])

  def captured(ref), do: Process.get(ref, [])
end

defmodule Billing.TraceHandle do
  @moduledoc "The same handle, closed by callers in other modules."

  def open do
    ref = make_ref()
    Process.put(ref, %{}) #~ otp/no-process-dictionary
    ref
  end

  def close(ref), do: Process.delete(ref)

  def get(ref, key), do: Map.get(Process.get(ref, %{}), key)
end

defmodule Billing.Locking do
  @moduledoc "Marks the process as holding the lock while `fun` runs."

  def in_lock?(name), do: !!Process.get({__MODULE__, name})

  def with_lock(name, fun) do
    if in_lock?(name) do
      fun.()
    else
      try do
        Process.put({__MODULE__, name}, true)
        fun.()
      after
        Process.delete({__MODULE__, name})
      end
    end
  end
end

defmodule Billing.LastInvoice do
  @moduledoc "Parks the last invoice for a later call: hidden state."

  def remember(invoice), do: Process.put(:last_invoice, invoice) #~ otp/no-process-dictionary

  def last, do: Process.get(:last_invoice)
end
