# fixture: needs the project
defmodule Wire.Link do
  @moduledoc false
  @behaviour :gen_statem

  alias Wire.SocketKeeper

  defstruct [:keeper, :opts]

  def start_link(opts), do: :gen_statem.start_link(__MODULE__, opts, [])

  @impl true
  def callback_mode, do: :state_functions

  @impl true
  def init(opts) do
    {:ok, keeper} = SocketKeeper.start_link(self(), opts)
    data = %__MODULE__{keeper: keeper, opts: opts}

    receive do
      {:up, ^keeper, _socket} -> {:ok, :ready, data}
      {:down, ^keeper, reason} -> {:stop, reason}
    end
  end

  def ready(:info, {:down, keeper, _reason}, %__MODULE__{keeper: keeper} = data) do
    {:next_state, :idle, data}
  end

  def ready(:info, :check, data) do
    # The keeper may already be gone; a call would crash this state machine.
    send(data.keeper, {:write_failed, self()})
    send(data.keeper, {:rewind, self()}) #~ otp/no-raw-send
    :keep_state_and_data
  end

  def idle(:info, _msg, %__MODULE__{keeper: keeper} = data) do
    send(keeper, {:teardown, self(), :idle})
    {:keep_state, data}
  end
end
