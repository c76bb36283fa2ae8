defmodule MyApp.GuardedLoader do
  @moduledoc "Runs a loader function in a task of its own and returns whatever it returns."

  def run(fun) do
    task = Task.async(fun)

    # The infinity is safe here because every source the loader calls runs
    # under Task.async_stream with its own timeout.
    Task.await(task, :infinity)
  end

  def run_unexplained(fun) do
    task = Task.async(fun)

    # Wait for the loader.
    Task.await(task, :infinity) #~ otp/infinity-timeout
  end
end
