defmodule MyApp.Dev.ToolRunner do
  @moduledoc "Runs the project's check tools one after another for `mix my_app.check`."

  def start(cmd, args), do: Task.async(fn -> System.cmd(cmd, args, stderr_to_stdout: true) end)

  # Only the check task calls this, with the default.
  def await(task, timeout \\ :infinity), do: Task.await(task, timeout)

  # Also called from the release's health endpoint, with the default: reported.
  def await_probe(task, timeout \\ :infinity), do: Task.await(task, timeout) #~ otp/infinity-timeout
end

defmodule Mix.Tasks.MyApp.Check do
  @shortdoc "Runs the formatter, the compiler and the tests"
  use Mix.Task

  @impl Mix.Task
  def run(_args) do
    for {cmd, args} <- [{"mix", ["format", "--check-formatted"]}, {"mix", ["test"]}] do
      cmd |> MyApp.Dev.ToolRunner.start(args) |> MyApp.Dev.ToolRunner.await()
    end
  end
end

defmodule MyApp.HealthPlug do
  @moduledoc "Answers the load balancer's health probe."
  import Plug.Conn

  def init(opts), do: opts

  def call(conn, _opts) do
    {out, 0} = "true" |> MyApp.Dev.ToolRunner.start([]) |> MyApp.Dev.ToolRunner.await_probe()
    send_resp(conn, 200, out)
  end
end
