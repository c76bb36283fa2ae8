defmodule BillingWeb.AdmissionPlug do
  @moduledoc "Takes an admission slot for the request and gives it back however the request ends."
  use Plug.Builder

  @slot_key {__MODULE__, :slot}

  plug :admit
  plug :serve

  def call(conn, opts) do
    try do
      conn
      |> Plug.Conn.assign(:admitted_at, System.monotonic_time())
      |> super(opts)
    after
      release_slot()
    end
  end

  defp admit(conn, _opts) do
    # The after block only sees the conn from before the pipeline: keep the slot here.
    Process.put(@slot_key, Billing.Admission.take!())
    conn
  end

  defp serve(conn, _opts), do: Plug.Conn.send_resp(conn, 200, "ok")

  defp release_slot do
    case Process.delete(@slot_key) do
      nil -> :ok
      slot -> Billing.Admission.give_back(slot)
    end
  end
end

defmodule BillingWeb.StickyPlug do
  @moduledoc "Keeps a slot after the request: the delete is not in an after block."
  use Plug.Builder

  plug :admit

  def call(conn, opts) do
    conn = super(conn, opts)
    release_slot()
    conn
  end

  defp admit(conn, _opts) do
    Process.put({__MODULE__, :slot}, Billing.Admission.take!()) #~ otp/no-process-dictionary
    conn
  end

  defp release_slot, do: Process.delete({__MODULE__, :slot})
end
