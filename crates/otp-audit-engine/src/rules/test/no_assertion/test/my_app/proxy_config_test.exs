# fixture: needs the project (the failure check reads lib/my_app/proxy_config.ex and lib/my_app/login.ex)
defmodule MyApp.ProxyConfigTest do
  use ExUnit.Case, async: true
  import ExUnit.CaptureLog

  test "an http proxy is used" do
    assert MyApp.ProxyConfig.options("http://127.0.0.1:3128") == [proxy: {:http, "127.0.0.1", 3128}]
  end

  test "an unsupported scheme is logged and ignored" do
    log =
      capture_log(fn ->
        assert MyApp.ProxyConfig.options("socks5://127.0.0.1:1080") == []
      end)

    assert log =~ "unsupported proxy scheme"
  end
end

defmodule MyApp.LoginTest do
  use ExUnit.Case, async: true

  test "the right password logs in" do
    assert {:ok, "ada"} = MyApp.Login.check("ada", "secret")
  end

  test "a wrong password does not" do
    assert MyApp.Login.check("ada", "guess") == :error
  end
end
