defmodule MyApp.SpoolDrainer do
  @moduledoc """
  Traps exits so that `terminate/2` can flush the spool: a sleep in a callback then
  holds the shutdown too, since the supervisor's `:shutdown` waits in the mailbox.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, %{spool: opts[:spool]}}
  end

  @impl true
  def handle_info(:retry, state) do
    Process.sleep(2_000) #~ otp/blocking-in-callback
    {:noreply, state}
  end

  @impl true
  def terminate(_reason, state), do: MyApp.Spool.flush(state.spool)
end
