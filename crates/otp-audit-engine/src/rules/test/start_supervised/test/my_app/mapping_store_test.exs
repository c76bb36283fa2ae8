defmodule MyApp.MappingStoreTest do
  use ExUnit.Case, async: false

  alias MyApp.MappingStore

  # The application starts MappingStore under its own supervisor; when a test runs
  # alone it may not be up yet. Either way the shared instance is the one tested.
  setup_all do
    case MappingStore.start_link([]) do
      {:ok, _pid} -> :ok
      {:error, {:already_started, _pid}} -> :ok
    end

    :ok
  end

  test "keeps a mapping per source" do
    :ok = MappingStore.put("source-1", %{fields: [:level]})
    assert MappingStore.get("source-1") == %{fields: [:level]}
  end

  describe "a second store" do
    setup do
      # A case over the start that does not expect the shared instance still starts
      # a fixed name the test supervisor does not own.
      case MappingStore.start_link(name: MyApp.Cache) do #~ test/start-supervised
        {:ok, pid} -> %{shadow: pid}
        {:error, reason} -> raise "could not start: #{inspect(reason)}"
      end
    end

    test "answers for its own sources", %{shadow: shadow} do
      assert MappingStore.get(shadow, "source-2") == nil
    end
  end
end
