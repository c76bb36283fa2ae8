defmodule MyApp.ConnectSpacer do
  @moduledoc "Lets one gateway connection start every few seconds, as the upstream service requires."
  use GenServer

  @spacing 5_000

  def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: __MODULE__)

  def await_turn, do: GenServer.call(__MODULE__, :await_turn, :infinity)

  def last_connect, do: GenServer.call(__MODULE__, :last_connect, :infinity) #~ otp/infinity-timeout

  @impl true
  def init(last), do: {:ok, last}

  @impl true
  def handle_call(:await_turn, _from, last), do: wait(now() - last)

  def handle_call(:last_connect, _from, last) do
    if last < 0, do: give_up()
    {:reply, last, last}
  end

  defp wait(elapsed) when elapsed >= @spacing, do: {:reply, :ok, now()}

  defp wait(elapsed) do
    Process.sleep(@spacing - elapsed)
    {:reply, :ok, now()}
  end

  defp give_up do
    Process.sleep(1_000)
    raise "clock went backwards"
  end

  defp now, do: System.monotonic_time(:millisecond)
end
