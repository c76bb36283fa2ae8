defmodule Shop.Traced.Task do
  @moduledoc """
  `Task` with the caller's trace context carried over: alias it in place of `Task`.
  """

  defdelegate async(fun), to: Task
  defdelegate await(task, timeout \\ 5000), to: Task
  defdelegate start_link(fun), to: Task

  # The unlinked start the caller asked for, wrapped: where the task lives is the
  # caller's choice, as with `Task.start/1`.
  def start(fun) do
    Task.start(wrap(fun))
  end

  def start(module, function, args) do
    {module, function, args} = wrap({module, function, args})
    Task.start(module, function, args)
  end

  # Near miss: a function of another name that starts a task on its own account.
  def start_flush do
    Task.start(fn -> Shop.Tracer.flush() end) #~ otp/unsupervised-start
  end

  defp wrap(fun) when is_function(fun), do: fn -> Shop.Tracer.with_context(fun) end
  defp wrap({m, f, a}), do: {Shop.Tracer, :with_context, [{m, f, a}]}
end
