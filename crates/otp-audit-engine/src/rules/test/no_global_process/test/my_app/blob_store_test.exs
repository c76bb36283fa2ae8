defmodule MyApp.BlobStoreTest do
  use ExUnit.Case, async: true

  alias MyApp.BlobStore

  # Each test keys its entries by a ref made for it: no other test can hold that key.
  test "replies to fetch messages with the stored blob" do
    ref = make_ref()
    BlobStore.put(ref, "abc")
    send(BlobStore, {:fetch, self(), ref})
    assert_receive {:blob, "abc"}
  end

  test "a helper named for a random id is as fresh" do
    id = MyApp.Ids.random_id()
    GenServer.cast(BlobStore, {:put, id, "x"})
    assert GenServer.call(BlobStore, {:get, id}) == "x"
  end

  # A literal key is shared with any test that uses it.
  test "a literal key" do
    send(BlobStore, {:fetch, self(), :logo}) #~ test/no-global-process
    refute_receive {:blob, _}
  end

  # A fresh key does not make a kill harmless.
  test "a fresh key beside a wipe of the whole store" do
    ref = make_ref()
    GenServer.cast(BlobStore, {:put, ref, "y"}) #~ test/no-global-process
    :sys.replace_state(BlobStore, fn _ -> %{} end) #~ test/no-global-process
  end
end
