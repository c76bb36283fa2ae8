defmodule Stockroom.RecountNotice do
  @moduledoc "What a shelf terminal receives when a recount starts; defined once, here."
  defstruct [:shelf, :started_at]

  def announce(terminals, shelf) do
    notice = %__MODULE__{shelf: shelf, started_at: DateTime.utc_now()}
    Enum.each(terminals, fn terminal -> send(terminal, %__MODULE__{notice | shelf: shelf}) end)
  end
end
