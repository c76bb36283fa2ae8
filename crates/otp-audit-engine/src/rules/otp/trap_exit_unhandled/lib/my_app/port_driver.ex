defmodule MyApp.PortDriver do
  @moduledoc """
  Owns an external program. Runs as `{Task, fn -> MyApp.PortDriver.run(cmd) end}`
  under the application's supervisor.
  """
  import Process, only: [flag: 2]

  def run(cmd) do
    flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    port = Port.open({:spawn, cmd}, [:binary, :exit_status])
    loop(port)
  end

  defp loop(port) do
    receive do
      {^port, {:data, data}} ->
        MyApp.Output.write(data)
        loop(port)

      {^port, {:exit_status, status}} ->
        exit({:port_exited, status})
    end
  end
end

defmodule MyApp.PortDriver.Erlangish do
  @moduledoc "Same shape with the Erlang spelling of the flag."
  def run(fun) do
    :erlang.process_flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    fun.()
  end
end
