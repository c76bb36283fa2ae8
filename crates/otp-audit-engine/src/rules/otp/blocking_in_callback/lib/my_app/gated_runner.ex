defmodule MyApp.GatedRunner do
  @moduledoc "Runs one computation once the device lock hands it the go signal, and keeps the result for one read."
  use GenServer

  def start_link(ref, fun), do: GenServer.start_link(__MODULE__, {ref, fun})

  def read(pid), do: GenServer.call(pid, :read, 60_000)

  @impl true
  def init({ref, fun}), do: {:ok, nil, {:continue, {ref, fun}}}

  # Only the pinned ref matches: nothing else is taken from the mailbox.
  @impl true
  def handle_continue({ref, fun}, nil) do
    receive do #~ otp/blocking-in-callback
      ^ref -> {:noreply, fun.()}
    end
  end

  @impl true
  def handle_call(:read, _from, value), do: {:stop, :normal, value, value}
end

defmodule MyApp.LooseRunner do
  @moduledoc "The same runner, but its wait takes any message."
  use GenServer

  def start_link(fun), do: GenServer.start_link(__MODULE__, fun)

  def read(pid), do: GenServer.call(pid, :read, 60_000)

  @impl true
  def init(fun), do: {:ok, nil, {:continue, fun}}

  @impl true
  def handle_continue(fun, nil) do
    receive do #~ otp/blocking-in-callback
      :go -> {:noreply, fun.()}
    end
  end

  @impl true
  def handle_call(:read, _from, value), do: {:stop, :normal, value, value}
end

defmodule MyApp.NamedGate do
  @moduledoc "A registered gate: any process can call it while it waits for the signal."
  use GenServer

  def start_link(ref), do: GenServer.start_link(__MODULE__, ref, name: __MODULE__)

  def status, do: GenServer.call(__MODULE__, :status, 5_000)

  @impl true
  def init(ref), do: {:ok, :waiting, {:continue, ref}}

  @impl true
  def handle_continue(ref, :waiting) do
    receive do #~ otp/blocking-in-callback
      {^ref, :open} -> {:noreply, :open}
    end
  end

  @impl true
  def handle_call(:status, _from, state), do: {:reply, state, state}
end
