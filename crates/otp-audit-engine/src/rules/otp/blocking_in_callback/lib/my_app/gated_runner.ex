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
