defmodule Render.SessionPool do
  @moduledoc """
  A NimblePool of browser sessions. Closing a session can be slow, so
  `terminate_worker/3` does it in a task it does not wait for: the pool process traps
  exits and, with no `handle_info/2` here, drops the task's reply.
  """
  @behaviour NimblePool

  def start_link(opts), do: NimblePool.start_link(worker: {__MODULE__, opts}, pool_size: 2)

  @impl NimblePool
  def init_worker(pool_state), do: {:ok, Render.Browser.open_session(), pool_state}

  @impl NimblePool
  def handle_checkout(:checkout, _from, session, pool_state), do: {:ok, session, session, pool_state}

  @impl NimblePool
  def terminate_worker(_reason, session, pool_state) do
    Task.async(fn -> Render.Browser.close_session(session) end) #~ otp/task-async-unawaited
    {:ok, pool_state}
  end
end

defmodule Render.TracedSessionPool do
  @moduledoc "A near miss: its `handle_info/2` gets every message, the task's reply included."
  @behaviour NimblePool

  def start_link(opts), do: NimblePool.start_link(worker: {__MODULE__, opts}, pool_size: 2)

  @impl NimblePool
  def init_worker(pool_state), do: {:ok, Render.Browser.open_session(), pool_state}

  @impl NimblePool
  def handle_checkout(:checkout, _from, session, pool_state), do: {:ok, session, session, pool_state}

  @impl NimblePool
  def handle_info(:trace, session), do: {:ok, session}

  @impl NimblePool
  def terminate_worker(_reason, session, pool_state) do
    Task.async(fn -> Render.Browser.close_session(session) end) #~ otp/task-async-unawaited
    {:ok, pool_state}
  end
end
