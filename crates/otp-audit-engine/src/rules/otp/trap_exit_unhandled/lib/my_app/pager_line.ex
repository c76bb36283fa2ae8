defmodule MyApp.PagerLine do
  @moduledoc "A :gen_statem that traps exits and links a port, but never looks at the :EXIT."
  @behaviour :gen_statem

  def start_link(opts), do: :gen_statem.start_link(__MODULE__, opts, [])

  @impl :gen_statem
  def callback_mode, do: :state_functions

  @impl :gen_statem
  def init(opts) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    port = Port.open({:spawn, opts[:command]}, [:binary])
    {:ok, :ready, %{port: port}}
  end

  def ready(:info, {port, {:data, bytes}}, %{port: port} = data) do
    MyApp.Pager.page(bytes)
    {:keep_state, data}
  end
end
