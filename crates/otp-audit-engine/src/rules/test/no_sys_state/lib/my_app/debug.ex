defmodule MyApp.Debug do
  @moduledoc "Library code: test/no-sys-state only looks at tests."

  def dump(pid), do: IO.inspect(:sys.get_state(pid), label: "state")
end
