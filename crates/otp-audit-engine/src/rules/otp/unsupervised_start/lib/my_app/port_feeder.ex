defmodule MyApp.PortFeeder do
  @moduledoc "Owns an encoder port and feeds it the frames of one stream."
  use GenServer

  def start_link(stream), do: GenServer.start_link(__MODULE__, stream)

  @impl true
  def init(stream) do
    port = Port.open({:spawn_executable, "/usr/bin/encoder"}, [:binary])
    Task.start(fn -> feed(port, stream) end) #~ otp/unsupervised-start
    {:ok, %{port: port}}
  end

  def warm_up(stream) do
    Task.start(fn -> Enum.take(stream, 1) end) #~ otp/unsupervised-start
  end

  defp feed(port, stream), do: Enum.each(stream, &Port.command(port, &1))
end
