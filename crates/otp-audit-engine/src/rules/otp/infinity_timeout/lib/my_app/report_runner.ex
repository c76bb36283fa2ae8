defmodule MyApp.ReportRunner do
  @moduledoc "Builds reports by fanning work out to tasks and servers."

  @timeout :infinity

  def build(server, id) do
    GenServer.call(server, {:build, id}, :infinity) #~ otp/infinity-timeout
  end

  def build_cached(server, id) do
    GenServer.call(server, {:build_cached, id}, @timeout) #~ otp/infinity-timeout
  end

  def raw_build(server, id), do: :gen_server.call(server, {:build, id}, :infinity) #~ otp/infinity-timeout

  def fetch(server, id, timeout \\ :infinity) do
    GenServer.call(server, {:fetch, id}, timeout) #~ otp/infinity-timeout
  end

  def render_all(sections) do
    sections
    |> Enum.map(&Task.async(fn -> render(&1) end))
    |> Task.await_many(:infinity) #~ otp/infinity-timeout
  end

  def render_one(section) do
    task = Task.async(fn -> render(section) end)
    Task.await(task, :infinity) #~ otp/infinity-timeout
  end

  def render_piped(section) do
    Task.async(fn -> render(section) end) |> Task.await(:infinity) #~ otp/infinity-timeout
  end

  def try_render(task), do: Task.yield(task, :infinity) #~ otp/infinity-timeout

  def render_stream(sections) do
    sections
    |> Task.async_stream(&render/1, max_concurrency: 4, timeout: :infinity) #~ otp/infinity-timeout
    |> Enum.map(fn {:ok, page} -> page end)
  end

  def remote_totals(node) do
    :rpc.call(node, MyApp.Totals, :compute, []) #~ otp/infinity-timeout
  end

  def remote_totals_forever(node) do
    :rpc.call(node, MyApp.Totals, :compute, [], :infinity) #~ otp/infinity-timeout
  end

  def machine_status(pid), do: :gen_statem.call(pid, :status, :infinity) #~ otp/infinity-timeout

  # From here on the attribute is bounded again.
  @timeout 15_000

  def build_bounded(server, id), do: GenServer.call(server, {:build, id}, @timeout)

  defp render(section), do: {:page, section}
end
