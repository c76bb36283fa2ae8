defmodule MyApp.GeneratedModulesTest do
  use ExUnit.Case, async: true

  # Each bang call raises when the macro did not generate the module.
  test "the schema macro generates its modules" do
    Code.ensure_compiled!(MyApp.Generated.User)
    Code.ensure_loaded!(MyApp.Generated.User.Address)
  end

  # A library's test helper that checks every download it lists.
  test "every supported download resolves" do
    Fetcher.Test.test_all_supported_downloads(MyApp.Downloader)
  end

  # Loading without the bang only answers; nothing is checked.
  test "loads the module" do #~ test/no-assertion
    Code.ensure_loaded(MyApp.Generated.User)
  end

  # A setup function of a library's test module is not a check.
  test "starts the fake server" do #~ test/no-assertion
    Fetcher.Test.start_fake_server(port: 0)
  end
end
