defmodule MyAppWeb.BannerLiveTest do
  use ExUnit.Case, async: true
  import Phoenix.ConnTest
  import Phoenix.LiveViewTest

  @endpoint MyAppWeb.TestEndpoint

  test "renders the sale text" do
    {:ok, _lv, html} = live(build_conn(), "/banner")
    assert html =~ "Sale"
  end
end
