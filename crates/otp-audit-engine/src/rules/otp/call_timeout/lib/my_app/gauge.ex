defmodule MyApp.Gauge do
  @moduledoc "A counter any node can bump through the worker that owns it."
  defstruct [:ref, :worker]

  def add_get(%__MODULE__{} = gauge, value) do
    GenServer.call(gauge.worker, {:add_get, gauge.ref, value}) #~ otp/call-timeout
  end

  def get(%__MODULE__{} = gauge) do
    GenServer.call(gauge.worker, {:get, gauge.ref}) #~ otp/call-timeout
  end

  def reset(%__MODULE__{} = gauge) do
    GenServer.call(gauge.worker, {:reset, gauge.ref}) #~ otp/call-timeout
  end
end
