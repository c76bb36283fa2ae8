defmodule Billing.TensorBackend do
  @moduledoc "Chooses where invoice totals are computed."

  @doc """
  Sets the backend for the current process and returns the previous one.

  The backend is kept in the process dictionary: a `Task` started afterwards
  must call this function again.
  """
  @doc type: :backend
  def put_backend(backend) do
    Process.put(backend_key(), backend) #~ otp/no-process-dictionary
  end

  @doc "Gets the backend of the current process, or the configured one."
  def backend do
    Process.get(backend_key()) || Application.fetch_env!(:billing, :backend)
  end

  defp backend_key, do: {__MODULE__, :backend}
end
