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

  # The wait's value bound: still the same synchronous call.
  def load_bound(conn, names) do
    caller = self()
    {_, mon} = spawn_monitor(fn -> send(caller, {:schema, Shop.Schema.fetch(conn, names)}) end)

    schema =
      receive do
        {:schema, schema} -> schema
        {:DOWN, ^mon, :process, _, reason} -> raise "schema load failed: #{inspect(reason)}"
      end

    Shop.Schema.cache(schema)
  end

  # A heap cap: a sandbox for user input that cannot eat the node's memory.
  def load_capped(conn, names) do
    caller = self()
    ref = make_ref()

    {pid, mon} =
      :erlang.spawn_opt(fn -> send(caller, {ref, Shop.Schema.fetch(conn, names)}) end, [
        :monitor,
        max_heap_size: %{size: 100_000, kill: true}
      ])

    receive do
      {^ref, schema} ->
        Process.demonitor(mon, [:flush])
        {:ok, schema}

      {:DOWN, ^mon, :process, ^pid, _} ->
        {:error, :too_big}
    after
      1_000 ->
        Process.exit(pid, :kill)
        {:error, :timeout}
    end
  end

  def load_capped_later(conn, names) do
    {_pid, mon} = :erlang.spawn_opt(fn -> Shop.Schema.fetch(conn, names) end, [:monitor]) #~ otp/no-raw-spawn
    mon
  end

  def load_later(conn, names) do
    {_pid, mon} = spawn_monitor(fn -> Shop.Schema.fetch(conn, names) end) #~ otp/no-raw-spawn
    Shop.Schema.log_started(names)
    mon
  end
end
