defmodule MyApp.VersionCheckTest do
  use ExUnit.Case, async: true

  defmacro typecheck(context, do: block) do
    quote do
      compile_probe(unquote(context).test, unquote(Macro.escape(block)))
    end
  end

  defp compile_probe(name, block) do
    {{:module, _, binary, _}, []} =
      Code.eval_quoted(quote(do: defmodule(unquote(name), do: unquote(block))), [])

    byte_size(binary)
  end

  test "refuses an old runtime" do
    assert_raise MyApp.VersionError, fn ->
      MyApp.VersionCheck.run(["--strict"], runtime: "1.0.0")
    end
  end

  # The twin of the test above: that the same call does not raise is the check.
  test "skips the check when asked" do
    MyApp.VersionCheck.run(["--strict", "--skip-version-check"], runtime: "1.0.0")
  end

  test "a large guard type-checks in time", context do
    typecheck context do
      defguard is_small(n) when n in 1..10
    end
  end

  test "calling something else is not a twin" do #~ test/no-assertion
    MyApp.VersionCheck.describe("1.0.0")
  end
end
