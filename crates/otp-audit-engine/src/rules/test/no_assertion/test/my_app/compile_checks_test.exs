defmodule MyApp.CompileChecksTest do
  use ExUnit.Case, async: true

  test "use MyApp.Schema compiles with no fields" do
    defmodule EmptySchema do
      use MyApp.Schema
    end
  end

  test "the generated code evaluates" do
    Code.eval_string("MyApp.Schema.__info__(:functions)")
  end

  test "a runner reports a failing fixture test" do
    defmodule FixtureTest do
      use ExUnit.Case

      test "passes silently" do
        :ok
      end
    end

    assert %{total: 1} = ExUnit.run()
  end

  test "every sample round-trips" do
    for sample <- ["a", "b"] do
      if MyApp.Schema.decode(MyApp.Schema.encode(sample)) != sample do
        raise "#{sample} does not round-trip"
      end
    end
  end

  test "the router comes back after a crash" do
    Process.whereis(MyApp.Router) |> Process.exit(:kill)
    wait_for_router()
  end

  test "importing two modules with clashing names is no error" do
    # Only the import itself is under test: a conflict fails to compile.
    import MyApp.Schema
    import MyApp.Schema.Legacy, only: [decode: 1]
  end

  test "directives next to a call still need an assertion" do #~ test/no-assertion
    alias MyApp.Schema
    Schema.fields(:order)
  end

  test "a module built at runtime compiles" do
    Module.create(MyApp.RuntimeSchema, quote(do: use(MyApp.Schema)), __ENV__)
  end

  defp wait_for_router do
    unless Process.whereis(MyApp.Router), do: wait_for_router()
  end

  test "decoding an empty payload does not raise" do
    MyApp.Schema.decode("")
  end

  describe "performance" do
    test "a wide schema" do
      MyApp.Schema.fields(Enum.map(1..500, &:"f#{&1}"))
    end
  end

  test "calling without checking" do #~ test/no-assertion
    MyApp.Schema.fields(:user)
  end
end

defmodule MyApp.TestMacros do
  defmacro smoke(name, do: block) do
    quote do
      test unquote(name) do
        unquote(block)
      end
    end
  end
end
