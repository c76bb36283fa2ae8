defmodule MyApp.Arena.State do
  @moduledoc """
  Like `MyApp.Lobby.State`, but `MyApp.Arena.preview/1` also builds one, in whatever
  process calls it: that pipeline is linked to the caller and nothing restarts it.
  """

  defstruct [:id, :pipeline]

  def new(opts) do
    {:ok, pipeline} = MyApp.Pipeline.start_link(Keyword.fetch!(opts, :id)) #~ otp/unsupervised-start
    %__MODULE__{id: opts[:id], pipeline: pipeline}
  end
end

defmodule MyApp.Arena do
  @moduledoc false
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def preview(opts), do: MyApp.Arena.State.new(opts)

  @impl true
  def init(opts), do: {:ok, MyApp.Arena.State.new(opts)}

  @impl true
  def handle_call(:state, _from, state), do: {:reply, state, state}
end
