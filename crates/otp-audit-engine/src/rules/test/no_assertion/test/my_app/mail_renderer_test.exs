defmodule MyApp.MailRendererTest do
  use ExUnit.Case, async: true

  test "an unclosed tag is reported with its line" do
    message = "line 2: template ended without a closing tag for <footer>"

    assert_raise(MyApp.TemplateError, message, fn ->
      MyApp.MailRenderer.render!("<footer>\nHi")
    end)
  end
end
