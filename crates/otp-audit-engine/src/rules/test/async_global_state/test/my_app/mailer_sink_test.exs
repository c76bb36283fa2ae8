defmodule MyApp.InvoiceMailerTest do
  use ExUnit.Case, async: true

  defmodule Sink do
    def deliver(mail) do
      send(Application.get_env(__MODULE__, :test_pid), {:mail, mail})
      :ok
    end
  end

  setup do
    # An env of Sink's own: only this module's tests, one at a time, read it.
    Application.put_env(Sink, :test_pid, self())
    :ok
  end

  test "sends the invoice" do
    MyApp.InvoiceMailer.send_invoice(42, adapter: Sink)
    assert_receive {:mail, %{invoice_id: 42}}
  end

  test "the currency is global" do
    Application.put_env(:my_app, :currency, :eur) #~ test/async-global-state
    MyApp.InvoiceMailer.send_invoice(43)
    assert_receive {:mail, %{invoice_id: 43}}
  end
end
