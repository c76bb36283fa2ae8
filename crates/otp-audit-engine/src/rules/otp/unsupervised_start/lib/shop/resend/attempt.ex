defmodule Shop.Resend.Attempt do
  @moduledoc false
  use GenServer

  @impl true
  def init({fun, opts}) do
    GenServer.cast(self(), :attempt)
    {:ok, %{fun: fun, tries: 0, max: Keyword.get(opts, :max, 5)}}
  end

  @impl true
  def handle_cast(:attempt, state) do
    state = %{state | tries: state.tries + 1}

    try do
      state.fun.()
      {:stop, :normal, state}
    rescue
      _error ->
        if state.tries < state.max do
          GenServer.cast(self(), :attempt)
          {:noreply, state}
        else
          {:stop, :normal, state}
        end
    end
  end
end
