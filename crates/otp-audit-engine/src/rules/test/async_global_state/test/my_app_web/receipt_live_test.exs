defmodule MyAppWeb.ReceiptLiveTest do
  use ExUnit.Case, async: true
  import Phoenix.ConnTest
  import Phoenix.LiveViewTest

  @endpoint MyAppWeb.TestEndpoint

  setup do
    {:ok, conn: build_conn()}
  end

  # fixture: needs the project
  # Only this module visits /receipts, so the watcher name and the footer key are
  # seen by this module's tests alone, which never run at the same time.
  test "announces the print job", %{conn: conn} do
    Process.register(self(), :receipt_print_watcher)
    {:ok, _lv, _html} = live(conn, "/receipts?case=slow_print")
    assert_receive {:printing, _pid}
  end

  test "shows the configured footer", %{conn: conn} do
    Application.put_env(:my_app, :receipt_footer, "Thank you")
    {:ok, _lv, html} = live(conn, "/receipts")
    assert html =~ "Thank you"
  end

  # BannerLive is visited by another async module too.
  test "the banner mounts", %{conn: conn} do
    Process.register(self(), :banner_watcher) #~ test/async-global-state
    {:ok, _lv, _html} = live(conn, "/banner")
    assert_receive {:mounted, _pid}
  end
end
