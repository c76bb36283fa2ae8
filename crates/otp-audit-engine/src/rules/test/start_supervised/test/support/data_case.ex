defmodule MyApp.DataCase do
  @moduledoc "Test support: starting shared processes here is allowed."
  use ExUnit.CaseTemplate

  setup_all do
    {:ok, _} = Registry.start_link(keys: :unique, name: MyApp.TestRegistry)
    :ok
  end
end
