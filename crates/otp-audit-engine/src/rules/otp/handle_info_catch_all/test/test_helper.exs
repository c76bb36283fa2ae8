Application.put_env(:payments, :bank_adapter, Payments.MockBank)
{:ok, _} = Payments.MockBank.start_link()
ExUnit.start()
