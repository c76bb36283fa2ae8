defmodule MyApp.DialLine do
  @moduledoc "A modem line as a :gen_statem: idle, dialing, connected. Cleans up on shutdown."
  @behaviour :gen_statem

  def start_link(opts), do: :gen_statem.start_link(__MODULE__, opts, [])

  @impl :gen_statem
  def callback_mode, do: :state_functions

  @impl :gen_statem
  def init(opts) do
    # Trapped so that terminate/3 hangs up the line when the supervisor stops us.
    Process.flag(:trap_exit, true)
    {:ok, :idle, %{number: opts[:number], port: nil}}
  end

  def idle({:call, from}, :dial, data) do
    port = Port.open({:spawn, "dial #{data.number}"}, [:binary])
    {:next_state, :dialing, %{data | port: port}, [{:reply, from, :ok}]}
  end

  def dialing(:info, {port, {:data, "CONNECT" <> _}}, %{port: port} = data) do
    {:next_state, :connected, data}
  end

  def connected(:info, {port, {:data, bytes}}, %{port: port} = data) do
    MyApp.Modem.deliver(bytes)
    {:keep_state, data}
  end

  @impl :gen_statem
  def terminate(_reason, _state, %{port: port}) when is_port(port), do: Port.close(port)
  def terminate(_reason, _state, _data), do: :ok
end
