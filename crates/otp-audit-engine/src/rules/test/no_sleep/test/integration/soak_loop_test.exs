defmodule MyApp.SoakLoopTest do
  use ExUnit.Case, async: true

  @moduletag :soak

  test "rendering many invoices does not grow memory" do
    invoice = MyApp.Fixtures.invoice()

    for _ <- 1..500 do
      MyApp.Render.invoice(invoice)
      Process.sleep(10)
      :erlang.garbage_collect()
    end
  end

  test "a loop whose rounds are checked keeps the finding" do
    {:ok, counter} = MyApp.Counter.start_link([])

    for _ <- 1..5 do
      MyApp.Counter.bump(counter)
      Process.sleep(10) #~ test/no-sleep
    end

    assert MyApp.Counter.value(counter) == 5
  end

  test "a pattern match is a check too" do
    for _ <- 1..3 do
      MyApp.Mailer.deliver_later(:digest)
      Process.sleep(20) #~ test/no-sleep
    end

    [_ | _] = MyApp.Mailer.sent()
  end
end
