# fixture: needs the project (the failure check reads lib/my_app_web/plugs/quota_gate.ex)
defmodule MyAppWeb.Plugs.QuotaGateTest do
  use MyAppWeb.ConnCase, async: true

  alias MyAppWeb.Plugs.QuotaGate

  test "a request under quota goes through with the remaining count", %{conn: conn} do
    conn = conn |> assign(:account_id, "acct-1") |> QuotaGate.call([])
    assert conn.halted == false
    assert get_resp_header(conn, "x-quota-remaining") == ["99"]
  end
end
