defmodule MyApp.MailerTest do
  use ExUnit.Case, async: false

  # Test modules are not compiled into the release: the rule looks at lib only.
  @adapter Application.get_env(:my_app, :mail_adapter)

  setup do
    previous = Application.get_env(:my_app, :mail_from)
    Application.put_env(:my_app, :mail_from, "test@example.com")
    on_exit(fn -> Application.put_env(:my_app, :mail_from, previous) end)
  end

  test "uses the configured adapter" do
    assert @adapter
  end
end
