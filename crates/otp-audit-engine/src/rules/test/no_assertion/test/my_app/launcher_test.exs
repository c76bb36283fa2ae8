# The parser's failures are checked by the script's own tests below, which run it
# as a user would: the module named after it needs no error test of its own.
defmodule MyApp.LauncherTest do
  use ExUnit.Case, async: true

  test "reads the port" do
    assert MyApp.Launcher.parse(["--port", "4001"]) == [port: 4001]
  end
end

defmodule MyApp.Launcher.ScriptTest do
  use ExUnit.Case, async: true

  @tag :integration
  test "an unknown flag stops the script" do
    {output, status} = System.cmd("bin/my_app", ["--verbose"], stderr_to_stdout: true)
    refute status == 0
    assert output =~ "unknown flag --verbose"
  end
end
