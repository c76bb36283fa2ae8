defmodule MyApp.GroupCaller do
  @moduledoc """
  Calls every member of a group at once. Each task only makes one call with a
  bounded timeout, so awaiting it with `:infinity` is bounded too; `rebuild_all/1`
  runs unbounded work in its tasks.
  """

  def multi_call(members, msg, timeout \\ 5_000) do
    members
    |> Enum.map(fn member ->
      Task.Supervisor.async_nolink(MyApp.TaskSupervisor, fn -> GenServer.call(member, msg, timeout) end)
    end)
    |> Enum.map(&Task.await(&1, :infinity)) #~ otp/infinity-timeout
  end

  def rebuild_all(members) do
    members
    |> Enum.map(fn member -> Task.async(fn -> MyApp.Index.rebuild(member) end) end)
    |> Enum.map(&Task.await(&1, :infinity)) #~ otp/infinity-timeout
  end

  # Two clauses of one fn await the same way: one decision, reported once.
  def collect(entries) do
    Enum.map(entries, fn
      {name, %Task{} = task} -> {name, Task.await(task, :infinity)} #~ otp/infinity-timeout
      %Task{} = task -> Task.await(task, :infinity)
      other -> other
    end)
  end
end
