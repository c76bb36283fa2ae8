defmodule Billing.RequestLoop do
  @moduledoc "Serves billing requests one after another on a kept-alive connection."

  @kept ~w[$ancestors $initial_call $callers]a

  @spec serve(term, (term -> term)) :: no_return
  def serve(conn, handle) do
    conn |> receive_request() |> handle.()
    forget_request_state()
    serve(conn, handle)
  end

  # What a handler left in the dictionary must not leak into the next request: this
  # sweeps every key, it keeps nothing of its own.
  defp forget_request_state do
    for key <- Process.get_keys(), key not in @kept, do: Process.delete(key)
  end

  # Deleting one named key is this module's own state.
  @spec reset_retries() :: term
  def reset_retries, do: Process.delete(:billing_retries) #~ otp/no-process-dictionary

  defp receive_request(conn), do: {:request, conn}
end
