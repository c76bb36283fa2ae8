defmodule MyApp.DeployerTest do
  use ExUnit.Case, async: true

  import ExUnit.CaptureLog

  alias MyApp.Deployer

  @tag :tmp_dir
  test "deploys the good bundles", %{tmp_dir: dir} do
    File.write!(Path.join(dir, "a.bundle"), "bundle:a")
    assert ["a"] = Deployer.deploy_dir(dir)
  end

  @tag :tmp_dir
  test "skips a broken bundle with a warning", %{tmp_dir: dir} do
    File.write!(Path.join(dir, "b.bundle"), "garbage")

    assert capture_log(fn -> assert [] = Deployer.deploy_dir(dir) end) =~
             "Skipping bundle"
  end
end
