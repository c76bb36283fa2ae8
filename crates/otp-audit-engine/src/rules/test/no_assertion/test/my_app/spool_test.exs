defmodule MyApp.SpoolTest do
  # MyApp.Spool only fails when the disk or the daemon's socket does: a failure the
  # test would have to fake the operating system to see, so it is not asked for.
  use ExUnit.Case, async: true

  @moduletag :tmp_dir

  test "writes the job where the daemon looks", %{tmp_dir: dir} do
    :ok = MyApp.Spool.write(dir, "invoice-42", "%PDF-1.7")
    assert File.read!(Path.join(dir, "invoice-42.job")) == "%PDF-1.7"
  end
end
