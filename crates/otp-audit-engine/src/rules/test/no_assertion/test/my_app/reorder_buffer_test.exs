# fixture: needs the project (the failure check reads lib/my_app/reorder_buffer.ex)
defmodule MyApp.ReorderBufferTest do
  use ExUnit.Case, async: true

  test "keeps an in-order packet" do
    buffer = MyApp.ReorderBuffer.insert(%MyApp.ReorderBuffer{}, %{seq: 0})
    assert Map.has_key?(buffer.packets, 0)
  end
end

defmodule MyApp.StrictReorderBufferTest do #~ test/no-assertion
  use ExUnit.Case, async: true

  test "keeps an in-order packet" do
    assert {:ok, _buffer} = MyApp.StrictReorderBuffer.insert(%MyApp.StrictReorderBuffer{}, %{seq: 0})
  end
end
