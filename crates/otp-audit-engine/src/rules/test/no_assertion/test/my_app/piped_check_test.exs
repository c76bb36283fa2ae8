defmodule MyApp.PipedCheckTest do
  use ExUnit.Case, async: true

  # `|> assert` and `|> refute` as a pipeline's last stage call the assertion with
  # the piped value: these tests check something.
  test "a traced request is traced" do
    %{trace?: true}
    |> MyApp.Tracing.traced?()
    |> assert
  end

  test "an untraced request is not" do
    %{}
    |> MyApp.Tracing.traced?()
    |> refute
  end

  # A pipeline that ends in a plain function checks nothing.
  test "tracing a request" do #~ test/no-assertion
    %{trace?: true}
    |> MyApp.Tracing.traced?()
    |> inspect
  end

  # A helper of this file that asserts, piped into bare, runs its assertions.
  test "a sandbox replies over http" do
    :http |> replies_over
  end

  test "a sandbox replies over https" do
    :https |> replies_over()
  end

  # A bare helper that asserts nothing checks nothing.
  test "a sandbox opens" do #~ test/no-assertion
    :http |> opens_sandbox
  end

  defp replies_over(scheme) do
    sandbox = MyApp.Sandbox.open(scheme)
    assert {:ok, 200, _body} = MyApp.Sandbox.request(sandbox, "/")
  end

  defp opens_sandbox(scheme), do: MyApp.Sandbox.open(scheme)
end
