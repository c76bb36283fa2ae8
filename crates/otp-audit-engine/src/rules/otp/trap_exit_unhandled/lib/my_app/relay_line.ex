defmodule MyApp.RelayLine do
  @moduledoc "A relay as a :gen_statem that owns a linked port; a port crash is an :info event."
  @behaviour :gen_statem

  def start_link(opts), do: :gen_statem.start_link(__MODULE__, opts, [])

  @impl :gen_statem
  def callback_mode, do: :handle_event_function

  @impl :gen_statem
  def init(opts) do
    Process.flag(:trap_exit, true)
    port = Port.open({:spawn, opts[:command]}, [:binary])
    {:ok, :open, %{port: port}}
  end

  @impl :gen_statem
  def handle_event(:info, {:EXIT, port, reason}, :open, %{port: port} = data) do
    {:stop, {:relay_down, reason}, data}
  end

  def handle_event(:info, {port, {:data, bytes}}, :open, %{port: port}) do
    MyApp.Relay.forward(bytes)
    :keep_state_and_data
  end
end
