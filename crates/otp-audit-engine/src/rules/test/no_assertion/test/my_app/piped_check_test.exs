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
end
