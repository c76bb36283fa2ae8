defmodule Shop.SchemaLoader do
  @moduledoc "Loads a schema in a throw-away process and waits for it: the result rides in the exit reason."

  def load(conn, names) do
    ref = make_ref()

    {_pid, mon} =
      spawn_monitor(fn ->
        exit({ref, Shop.Schema.fetch(conn, names)})
      end)

    receive do
      {:DOWN, ^mon, :process, _, {^ref, schema}} -> {:ok, schema}
      {:DOWN, ^mon, :process, _, reason} -> {:error, reason}
    end
  end

  def load_later(conn, names) do
    {_pid, mon} = spawn_monitor(fn -> Shop.Schema.fetch(conn, names) end) #~ otp/no-raw-spawn
    Shop.Schema.log_started(names)
    mon
  end
end
