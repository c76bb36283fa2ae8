defmodule MyAppWeb.ScoreboardLiveTest do
  use MyAppWeb.ConnCase, async: true

  import Phoenix.LiveViewTest

  # The view's assigns live in Phoenix's LiveView process: info, with advice about
  # the rendered page rather than a public API the view does not have.

  test "totals the points of each team", %{conn: conn} do
    {:ok, view, html} = live(conn, "/scoreboard")
    assert html =~ "Scoreboard"

    assigns = :sys.get_state(view.pid).socket.assigns #~ test/no-sys-state
    assert assigns.home_points == 0
    assert assigns.away_points == 0
  end

  test "a goal raises the home total", %{conn: conn} do
    {:ok, view, _html} = live(conn, "/scoreboard")
    render_click(view, "goal", %{"team" => "home"})

    state = :sys.get_state(view.pid) #~ test/no-sys-state
    assert state.socket.assigns.home_points == 1
    assert :sys.get_state(view.pid).socket.assigns.live_updates #~ test/no-sys-state
  end

  test "a barrier on the view is still fine", %{conn: conn} do
    {:ok, view, _html} = live(conn, "/scoreboard")
    send(view.pid, :tick)
    _ = :sys.get_state(view.pid)
    assert render(view) =~ "1 minute"
  end

  test "rewriting the view's state stays a warning", %{conn: conn} do
    {:ok, view, _html} = live(conn, "/scoreboard")
    :sys.replace_state(view.pid, fn state -> put_in(state.socket.assigns.home_points, 9) end) #~ test/no-sys-state
    assert render(view) =~ "9"
  end
end
