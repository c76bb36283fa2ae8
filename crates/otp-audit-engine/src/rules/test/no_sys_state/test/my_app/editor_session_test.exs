defmodule MyApp.EditorSessionTest do
  use ExUnit.Case, async: true

  alias MyApp.{EditorSession, SessionHelpers}
  alias MyApp.EditorSession.Document

  setup do
    %{session: start_supervised!(EditorSession)}
  end

  test "an opened document is kept clean", %{session: session} do
    EditorSession.open(session, "file:///a.ex", "defmodule A, do: nil")
    state = :sys.get_state(session)

    assert %Document{dirty?: false, version: 1} = EditorSession.document(state, "file:///a.ex")
    assert_raise EditorSession.UnknownDocument, fn -> EditorSession.document(state, "file:///b.ex") end
  end

  test "the state handed straight to the module's reader", %{session: session} do
    EditorSession.open(session, "file:///a.ex", "")
    assert [_] = EditorSession.documents(:sys.get_state(session))
  end

  test "a field read beside the reader depends on the shape", %{session: session} do
    EditorSession.open(session, "file:///a.ex", "")
    state = :sys.get_state(session) #~ test/no-sys-state

    assert %Document{} = EditorSession.document(state, "file:///a.ex")
    assert state.version == 1
  end

  test "a test helper that digs in is the test's own code", %{session: session} do
    EditorSession.open(session, "file:///a.ex", "")
    state = :sys.get_state(session) #~ test/no-sys-state

    assert SessionHelpers.open_uris(state) == ["file:///a.ex"]
  end
end
