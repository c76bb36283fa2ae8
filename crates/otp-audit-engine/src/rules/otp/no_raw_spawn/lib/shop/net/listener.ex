defmodule Shop.Net.Listener do
  @moduledoc "A hand-written special process: proc_lib start plus init_ack."

  def child_spec(opts) do
    %{id: __MODULE__, start: {__MODULE__, :start_link, [opts]}}
  end

  def start_link(opts) do
    pid = :proc_lib.spawn_link(__MODULE__, :init, [self(), opts])
    {:ok, pid}
  end

  def start_acked(opts) do
    :proc_lib.start_link(__MODULE__, :init, [self(), opts])
  end

  def init(parent, opts) do
    :proc_lib.init_ack(parent, {:ok, self()})
    loop(parent, opts)
  end

  defp loop(parent, opts) do
    receive do
      {:system, from, request} ->
        :sys.handle_system_msg(request, from, parent, __MODULE__, [], opts)

      _other ->
        loop(parent, opts)
    end
  end

  def handle(conn) do
    Task.Supervisor.start_child(Shop.TaskSupervisor, fn -> Shop.Net.Handler.run(conn) end)
  end

  # A local function that happens to be called spawn.
  def spawn(pool, conn), do: Shop.Net.Pool.checkout(pool, conn)

  def accept(pool, conn), do: spawn(pool, conn)
end
