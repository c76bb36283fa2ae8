defmodule MyApp.ConsoleRelay do
  @moduledoc "Relays console output for one owner and stops when the owner goes."
  use GenServer

  def start_link(owner), do: GenServer.start_link(__MODULE__, owner)

  @impl true
  def init(owner), do: {:ok, %{owner: owner, owner_ref: Process.monitor(owner), lines: []}}

  @impl true
  def handle_info({:output, line}, state), do: {:noreply, %{state | lines: [line | state.lines]}}

  # The one monitor's `:DOWN`, tied to the kept ref by a guard instead of a pattern.
  def handle_info({:DOWN, ref, :process, _pid, _reason}, state) when ref == state.owner_ref do #~ otp/handle-info-catch-all
    {:stop, :normal, state}
  end
end

defmodule MyApp.TunnelWatch do
  @moduledoc "Watches a tunnel's peer once the tunnel is up."
  use GenServer

  def start_link(peer), do: GenServer.start_link(__MODULE__, peer)

  @impl true
  def init(peer), do: {:ok, %{peer: peer, peer_ref: nil}, {:continue, :watch}}

  @impl true
  def handle_continue(:watch, state) do
    {:noreply, %{state | peer_ref: Process.monitor(state.peer)}}
  end

  @impl true
  def handle_info({:DOWN, ref, :process, _pid, _reason}, state) when state.peer_ref == ref do #~ otp/handle-info-catch-all
    {:stop, :normal, state}
  end
end

defmodule MyApp.FanoutWatch do
  @moduledoc "Watches many subscribers; only the ones in the state are matched."
  use GenServer

  def start_link(subs), do: GenServer.start_link(__MODULE__, subs)

  @impl true
  def init(subs), do: {:ok, %{refs: Map.new(subs, &{Process.monitor(&1), &1})}}

  @impl true
  def handle_info({:DOWN, ref, :process, _pid, _reason}, state) when is_map_key(state.refs, ref) do #~ otp/handle-info-catch-all
    {:noreply, %{state | refs: Map.delete(state.refs, ref)}}
  end
end

defmodule MyApp.PromptRelay do
  @moduledoc "Forwards prompts to a peer and waits for the answer; watches its owner."
  use GenServer

  def start_link({owner, peer}), do: GenServer.start_link(__MODULE__, {owner, peer})

  @impl true
  def init({owner, peer}), do: {:ok, %{peer: peer, owner_ref: Process.monitor(owner)}}

  @impl true
  def handle_info({:prompt, from, text}, state) do
    send(from, {:answer, ask(state.peer, text)})
    {:noreply, state}
  end

  def handle_info({:DOWN, ref, :process, _pid, _reason}, state) when ref == state.owner_ref do #~ otp/handle-info-catch-all
    {:stop, :normal, state}
  end

  # The request's monitor never outlives it: the reply path flushes it.
  defp ask(peer, text) do
    send(peer, {:ask, self(), text})
    ref = Process.monitor(peer)

    receive do
      {:answer, answer} ->
        Process.demonitor(ref, [:flush])
        answer

      {:DOWN, ^ref, :process, _, _} ->
        nil
    end
  end
end
