defmodule Shop.ChannelCase do
  @moduledoc "Helpers for tests of code that uses Shop's channels; shipped in lib for apps."

  import ExUnit.Assertions

  # Runs in the test process: the supervisor lives and dies with the test.
  def connect!(opts) do
    {:ok, sup} = Supervisor.start_link([], strategy: :one_for_one)
    {:ok, channel} = Supervisor.start_child(sup, {Shop.CartServer, opts})
    ExUnit.Callbacks.on_exit(fn -> Process.exit(sup, :shutdown) end)
    assert Process.alive?(channel)
    channel
  end
end

defmodule Shop.ChannelHub do
  @moduledoc "Production code: a supervisor nobody supervises."

  def open do
    {:ok, sup} = Supervisor.start_link([], strategy: :one_for_one) #~ otp/unsupervised-start
    sup
  end
end
