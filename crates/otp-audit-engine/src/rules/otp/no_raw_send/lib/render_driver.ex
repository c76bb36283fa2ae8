defmodule MyApp.RenderDriver do
  @moduledoc "A display driver: batches redraw requests into one update."
  use GenServer

  @do_update :_do_update_

  defstruct pid: nil, limit_ms: 0, update_requested: false, listener: nil

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    {:ok, %__MODULE__{pid: self(), limit_ms: opts[:limit_ms] || 0, listener: opts[:listener]}}
  end

  # `pid` is this driver's own pid (`pid: self()` in init/1), and its own
  # handle_info/2 takes @do_update: the send goes to itself.
  def request_update(%__MODULE__{limit_ms: 0, pid: pid} = driver) do
    send(pid, @do_update)
    %{driver | update_requested: true}
  end

  def request_update(%__MODULE__{limit_ms: limit_ms, pid: pid} = driver) do
    Process.send_after(pid, @do_update, limit_ms)
    %{driver | update_requested: true}
  end

  # A message no clause of this module takes still goes to the struct's creator.
  def report_frame(%__MODULE__{pid: pid}, frame) do
    send(pid, {:frame_drawn, frame}) #~ otp/no-raw-send
  end

  @impl true
  def handle_info(@do_update, driver), do: {:noreply, %{driver | update_requested: false}}
end
