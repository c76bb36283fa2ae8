defmodule Shop.Resend.DeliveryLog do
  @moduledoc false
  use GenServer

  @impl true
  def init(opts), do: {:ok, %{answers: [], limit: Keyword.get(opts, :limit, 100)}}

  @impl true
  def handle_call(:answers, _from, state), do: {:reply, state.answers, state}

  @impl true
  def handle_cast({:answer, answer}, state) do
    {:noreply, %{state | answers: Enum.take([answer | state.answers], state.limit)}}
  end
end
