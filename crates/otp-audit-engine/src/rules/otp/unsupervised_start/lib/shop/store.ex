defprotocol Shop.Store do
  @moduledoc "Where the shop keeps its key-value data: files in production, memory in tests."

  def put(store, key, value)
  def get(store, key)
  def close(store)
end
