defmodule MyAppWeb.SettingsLiveTest do
  use MyAppWeb.ConnCase, async: true

  import Phoenix.LiveViewTest

  # Clicking only checks that the buttons are there: reported, with that reason.
  test "the theme dialog opens and closes", %{conn: conn} do #~ test/no-assertion
    {:ok, view, _html} = live(conn, ~p"/settings")

    view
    |> element("#open-theme")
    |> render_click()

    view
    |> element("#close-theme")
    |> render_click()
  end

  test "picking a theme shows it", %{conn: conn} do
    {:ok, view, _html} = live(conn, ~p"/settings")

    view |> element("#theme-dark") |> render_click()
    assert render(view) =~ "Dark theme"
  end

  test "the page renders", %{conn: conn} do #~ test/no-assertion
    {:ok, view, _html} = live(conn, ~p"/settings")
    render(view)
  end
end
