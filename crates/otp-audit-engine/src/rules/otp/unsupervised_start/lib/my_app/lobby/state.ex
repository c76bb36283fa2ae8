defmodule MyApp.Lobby.State do
  @moduledoc """
  The lobby server's state. `new/1` runs only in `MyApp.Lobby.Server.init/1`, so the
  pipeline it starts is linked to the lobby and ends with it.
  """

  defstruct [:id, :pipeline]

  def new(opts) do
    {:ok, pipeline} = MyApp.Pipeline.start_link(Keyword.fetch!(opts, :id))
    %__MODULE__{id: opts[:id], pipeline: pipeline}
  end
end
