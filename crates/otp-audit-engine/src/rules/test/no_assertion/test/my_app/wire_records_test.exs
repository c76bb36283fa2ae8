defmodule MyApp.WireRecordsTest do
  use ExUnit.Case, async: true
  import MyApp.Wire.Records

  # A record macro in a pattern is not a variable: the match binds nothing and
  # raises unless the reply has one row holding 3.
  test "a cursor returns the procedure's row" do
    {:ok, conn} = MyApp.Wire.connect()
    {:ok, resultset(num_rows: 1, rows: [[3]])} = MyApp.Wire.execute(conn, "CALL count_items()")
    MyApp.Wire.close(conn)
  end

  # Binding the rows is setup for more work, not a check.
  test "a cursor reads the rows" do #~ test/no-assertion
    {:ok, conn} = MyApp.Wire.connect()
    {:ok, resultset(rows: rows)} = MyApp.Wire.execute(conn, "CALL list_items()")
    MyApp.Wire.log_rows(rows)
    MyApp.Wire.close(conn)
  end
end
