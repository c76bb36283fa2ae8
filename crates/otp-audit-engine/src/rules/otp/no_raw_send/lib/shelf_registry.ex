defmodule MyApp.ShelfRegistry do
  @moduledoc "A `:via` registry: `{:via, MyApp.ShelfRegistry, shelf_id}` names a shelf process."

  def register_name(shelf_id, pid), do: if(:ets.insert_new(__MODULE__, {shelf_id, pid}), do: :yes, else: :no)

  def unregister_name(shelf_id), do: :ets.delete(__MODULE__, shelf_id)

  def whereis_name(shelf_id) do
    case :ets.lookup(__MODULE__, shelf_id) do
      [{^shelf_id, pid}] -> pid
      [] -> :undefined
    end
  end

  # The `:via` callback: it delivers whatever the caller sends, unchanged.
  def send(shelf_id, msg) do
    case whereis_name(shelf_id) do
      :undefined -> :erlang.error(:badarg, [shelf_id, msg])
      pid -> Kernel.send(pid, msg)
    end
  end

  def evict(shelf_id) do
    Kernel.send(whereis_name(shelf_id), :evict) #~ otp/no-raw-send
  end
end
