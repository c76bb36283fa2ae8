defmodule Reports.MeterFsm do
  @moduledoc "Reads a meter in a task; the reply comes back as an :info event."
  @behaviour :gen_statem

  def start_link(opts), do: :gen_statem.start_link(__MODULE__, opts, [])

  # Runs in the caller's process, which has no clause for the reply.
  def warm(meter) do
    Task.async(fn -> Reports.Source.read(meter) end) #~ otp/task-async-unawaited
    :ok
  end

  @impl true
  def callback_mode, do: :handle_event_function

  @impl true
  def init(opts), do: {:ok, :idle, %{meter: Keyword.fetch!(opts, :meter), reading: nil}}

  @impl true
  def handle_event(:internal, :read, _state, data) do
    Task.async(fn -> Reports.Source.read(data.meter) end)
    :keep_state_and_data
  end

  def handle_event(:info, {ref, reading}, _state, data) when is_reference(ref) do
    Process.demonitor(ref, [:flush])
    {:next_state, :idle, %{data | reading: reading}}
  end

  def handle_event(:info, _msg, _state, _data), do: :keep_state_and_data
end

defmodule Reports.GaugeFsm do
  @moduledoc "State functions: the reply is matched in the :reading state's :info clause."
  @behaviour :gen_statem

  def start_link(opts), do: :gen_statem.start_link(__MODULE__, opts, [])

  @impl true
  def callback_mode, do: :state_functions

  @impl true
  def init(opts), do: {:ok, :idle, %{gauge: Keyword.fetch!(opts, :gauge), value: nil}}

  def idle(:cast, :read, data) do
    Task.async(fn -> Reports.Source.read(data.gauge) end)
    {:next_state, :reading, data}
  end

  def idle(_kind, _msg, _data), do: :keep_state_and_data

  def reading(:info, {ref, value}, data) when is_reference(ref) do
    Process.demonitor(ref, [:flush])
    {:next_state, :idle, %{data | value: value}}
  end

  def reading(_kind, _msg, _data), do: :keep_state_and_data
end

defmodule Reports.DialFsm do
  @moduledoc "No :info clause takes the task's reply: it is lost."
  @behaviour :gen_statem

  def start_link(opts), do: :gen_statem.start_link(__MODULE__, opts, [])

  @impl true
  def callback_mode, do: :handle_event_function

  @impl true
  def init(opts), do: {:ok, :idle, %{dial: Keyword.fetch!(opts, :dial)}}

  @impl true
  def handle_event(:internal, :read, _state, data) do
    Task.async(fn -> Reports.Source.read(data.dial) end) #~ otp/task-async-unawaited
    :keep_state_and_data
  end

  def handle_event(:info, :tick, _state, _data), do: :keep_state_and_data
end
