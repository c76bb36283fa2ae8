defmodule MyApp.WelcomeMailTest do
  use ExUnit.Case, async: true

  import MyApp.Test.MailAssertions

  test "signing up sends the welcome mail" do
    ref = make_ref()
    MyApp.Signup.register(%{email: "ana@example.com"}, notify: {self(), ref})

    # The helper MyApp ships in lib flunks when no such mail came: this is the check.
    find_delivered_mail!(ref, to: "ana@example.com", template: :welcome)
  end

  test "a second signup is only registered" do #~ test/no-assertion
    MyApp.Signup.register(%{email: "ana@example.com"}, notify: {self(), make_ref()})
    MyApp.Signup.register(%{email: "ana@example.com"}, notify: {self(), make_ref()})
  end
end
