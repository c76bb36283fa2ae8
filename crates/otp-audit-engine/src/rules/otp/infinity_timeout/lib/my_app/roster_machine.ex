defmodule MyApp.RosterMachine do
  @moduledoc """
  Keeps a cluster-wide roster. On boot it waits for a join timer, then copies the
  roster from one peer it monitors; requests that arrive meanwhile are postponed.
  """
  use GenStateMachine

  def start_link(opts), do: GenStateMachine.start_link(__MODULE__, opts, name: __MODULE__)

  # Still a warning, but the message says how the machine gets out of its waiting
  # states (the join timer, the peer's `:DOWN`) instead of claiming no bound at all.
  def lookup(name), do: GenStateMachine.call(__MODULE__, {:lookup, name}, :infinity) #~ otp/infinity-timeout

  @impl true
  def init(opts) do
    Process.send_after(self(), :join, Keyword.get(opts, :join_after, 5_000))
    {:ok, :waiting, %{roster: %{}, peer: nil}}
  end

  @impl true
  def handle_event(:info, :join, :waiting, data) do
    case Node.list() do
      [] ->
        {:next_state, :ready, data}

      [peer | _] ->
        ref = Process.monitor({__MODULE__, peer})
        GenStateMachine.cast({__MODULE__, peer}, {:copy_to, self()})
        {:next_state, :copying, %{data | peer: ref}}
    end
  end

  def handle_event(:cast, {:roster, roster}, :copying, data), do: {:next_state, :ready, %{data | roster: roster}}
  def handle_event(:info, {:DOWN, ref, _, _, _}, :copying, %{peer: ref} = data), do: {:next_state, :ready, data}
  def handle_event({:call, from}, {:lookup, name}, :ready, data), do: {:keep_state_and_data, {:reply, from, Map.get(data.roster, name)}}
  def handle_event(_type, _event, _state, _data), do: {:keep_state_and_data, :postpone}
end
