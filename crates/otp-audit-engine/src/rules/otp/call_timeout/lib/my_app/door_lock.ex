defmodule MyApp.DoorLock do
  @moduledoc "A gen_statem door lock and its client functions."
  @behaviour :gen_statem

  def unlock(code) do
    :gen_statem.call(__MODULE__, {:unlock, code}) #~ otp/call-timeout
  end

  def state do
    GenStateMachine.call(__MODULE__, :get_state) #~ otp/call-timeout
  end

  def lock(timeout \\ 1_000), do: :gen_statem.call(__MODULE__, :lock, timeout)

  @impl true
  def callback_mode, do: :state_functions

  @impl true
  def init(code), do: {:ok, :locked, %{code: code}}

  def locked({:call, from}, {:unlock, code}, %{code: code} = data) do
    {:next_state, :open, data, [{:reply, from, :ok}]}
  end

  def locked({:call, from}, {:unlock, _wrong}, data) do
    {:keep_state, data, [{:reply, from, {:error, :wrong_code}}]}
  end

  def open({:call, from}, :lock, data) do
    {:next_state, :locked, data, [{:reply, from, :ok}]}
  end
end
