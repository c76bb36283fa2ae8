defmodule Shop.RegisterHandler do
  @moduledoc "Serves one register; its line workers end with their line and are not restarted."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(_opts) do
    Process.flag(:trap_exit, true)
    {:ok, %Shop.RegisterSession{}}
  end

  @impl true
  def handle_call({:open_line, line_id}, _from, session) do
    {:reply, :ok, Shop.RegisterSession.open_line(session, line_id)}
  end

  def handle_call(:print, _from, session) do
    {:reply, :ok, Shop.RegisterSession.print_receipt(session)}
  end

  @impl true
  def handle_info({:EXIT, pid, _reason}, session) do
    {:noreply, Shop.RegisterSession.line_closed(session, pid)}
  end
end
