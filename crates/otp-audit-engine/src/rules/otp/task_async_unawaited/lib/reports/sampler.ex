defmodule Reports.Sampler do
  @moduledoc "Takes samples in tasks; any task's reply is taken in handle_info/2."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, %{samples: []}}

  @impl true
  def handle_cast(:sample, state) do
    Task.async(fn -> Reports.Source.sample() end)
    {:noreply, state}
  end

  @impl true
  def handle_info({ref, sample}, state) when is_reference(ref) do
    Process.demonitor(ref, [:flush])
    {:noreply, %{state | samples: [sample | state.samples]}}
  end

  def handle_info(_msg, state), do: {:noreply, state}
end

defmodule Reports.StoredSampler do
  @moduledoc "Only the stored task's reply is matched: a thrown-away task's reply is not."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, %{task: nil, last: nil}}

  @impl true
  def handle_cast(:sample, state) do
    Task.async(fn -> Reports.Source.sample() end) #~ otp/task-async-unawaited
    {:noreply, state}
  end

  @impl true
  def handle_info({ref, sample}, %{task: %Task{ref: ref}} = state) do
    Process.demonitor(ref, [:flush])
    {:noreply, %{state | task: nil, last: sample}}
  end

  def handle_info(_msg, state), do: {:noreply, state}
end
