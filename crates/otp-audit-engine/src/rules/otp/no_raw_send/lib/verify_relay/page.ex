# fixture: needs the project
defmodule VerifyRelay.Page do
  @moduledoc "Holds a pending verification and answers the callback's request for it."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(_opts), do: {:ok, %{pending: nil}}

  @impl true
  # The reply half of the callback's hand-written request: not reported.
  def handle_info({:get_pending, from}, state) do
    send(from, {:pending, state.pending})
    {:noreply, %{state | pending: nil}}
  end

  # The pid came with a notification nobody waits on: a raw send.
  def handle_info({:hello, from}, state) do
    send(from, {:welcome, state.pending}) #~ otp/no-raw-send
    {:noreply, state}
  end
end
