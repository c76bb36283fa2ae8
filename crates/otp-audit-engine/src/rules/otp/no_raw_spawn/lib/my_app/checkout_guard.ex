defmodule MyApp.CheckoutGuard do
  @moduledoc """
  Watches the caller that checked a worker out of the pool: if the caller dies
  abnormally, the pool is told to stop the worker. The watcher ends with the caller.
  """

  def watch(pool, caller, worker) do
    spawn(fn ->
      ref = Process.monitor(caller)

      receive do
        {:DOWN, ^ref, :process, ^caller, reason} ->
          if reason != :normal do
            GenServer.cast(pool, {:stop_worker, worker})
            GenServer.cast(pool, {:forget_guard, worker})
          end
      end
    end)
  end

  # This one asks the pool and waits for its answer: a call can block.
  def watch_and_ask(pool, caller, worker) do
    spawn(fn -> #~ otp/no-raw-spawn
      ref = Process.monitor(caller)

      receive do
        {:DOWN, ^ref, :process, ^caller, _reason} ->
          GenServer.call(pool, {:stop_worker, worker}, 5_000)
      end
    end)
  end
end
