defmodule MyApp.CaptureShell do
  @moduledoc """
  A shell for tests: what the code under test prints goes to the test process
  as messages, which `drain/1` reads back.
  """

  def drain(fun \\ fn message -> message end) do
    receive do
      {:capture_shell, _, _} = message ->
        fun.(message)
        drain(fun)

      reply = {:capture_answer, _, _} ->
        fun.(reply)
        drain(fun)
    after
      0 -> :done
    end
  end

  def info(text) do
    send(target(), {:capture_shell, :info, [text]})
    :ok
  end

  def confirm?(question) do
    send(target(), {:capture_shell, :confirm?, [question]})

    receive do
      {:capture_answer, :confirm?, answer} -> answer
    after
      0 -> raise "no answer queued for confirm?/1"
    end
  end

  def finished(summary) do
    # No clause of this module takes a two-element :capture_shell tuple.
    send(target(), {:capture_shell, summary}) #~ otp/no-raw-send
  end

  defp target do
    Application.get_env(:my_app, :shell_target) || self()
  end
end
