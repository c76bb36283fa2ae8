defmodule MyAppWeb.AdminControllerTest do
  use MyAppWeb.ConnCase, async: true

  # `response/2` and its kin raise unless the status is the expected one.
  test "rejects a bad token", %{conn: conn} do
    conn
    |> put_req_header("authorization", "Bearer not-a-token")
    |> get(~p"/admin/stats")
    |> response(403)
  end

  test "lists the stats as JSON", %{conn: conn} do
    conn |> get(~p"/admin/stats.json") |> json_response(200)
  end

  test "sends a guest to the login page", %{conn: conn} do
    conn = get(conn, ~p"/admin")
    redirected_to(conn, 302)
  end

  test "fetches the dashboard", %{conn: conn} do #~ test/no-assertion
    conn
    |> put_req_header("authorization", "Bearer not-a-token")
    |> get(~p"/admin")
  end
end
