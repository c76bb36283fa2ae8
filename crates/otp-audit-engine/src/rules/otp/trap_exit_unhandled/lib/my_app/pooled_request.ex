defmodule MyApp.PooledRequest do
  @moduledoc """
  Runs a request on a pooled worker, in the caller's process. The trap is switched
  on for the checkout only and the old value put back after it.
  """

  def run(pool, request, timeout \\ 5_000) do
    old_trap_exit = Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled

    try do
      MyApp.Pool.transaction(pool, fn worker -> MyApp.Worker.request(worker, request, timeout) end)
    catch
      :exit, reason -> {:error, reason}
    after
      Process.flag(:trap_exit, old_trap_exit)
    end
  end

  # Never put back: the caller traps exits from now on.
  def run_forever(pool, request) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    MyApp.Pool.transaction(pool, fn worker -> MyApp.Worker.request(worker, request, 5_000) end)
  end
end
