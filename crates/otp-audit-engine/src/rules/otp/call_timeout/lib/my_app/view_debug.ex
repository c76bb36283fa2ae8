defmodule MyApp.ViewServer do
  @moduledoc "A view process; its requests are namespaced by @prefix."
  use GenServer

  @prefix :my_view

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{socket: opts[:socket], components: []}}

  @impl true
  def handle_call({@prefix, :socket}, _from, state), do: {:reply, {:ok, state.socket}, state}
  def handle_call({@prefix, :components}, _from, state), do: {:reply, {:ok, state.components}, state}
end

defmodule MyApp.ViewDebug do
  @moduledoc "Inspects running views; writes the prefix as a literal."

  # Every {:my_view, _} request of MyApp.ViewServer answers from its state: info.
  def socket(pid), do: GenServer.call(pid, {:my_view, :socket}) #~ otp/call-timeout

  # One {:my_app, _} request of MyApp.UploadSlot (:persist) waits on a store: a warning.
  def ping_upload(pid), do: GenServer.call(pid, {:my_app, :ping}) #~ otp/call-timeout
end
