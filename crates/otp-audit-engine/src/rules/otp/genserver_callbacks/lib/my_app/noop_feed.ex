defmodule MyApp.Feed.Noop do #~ otp/genserver-callbacks
  @moduledoc """
  The `:none` choice of `MyApp.Feed`'s update source: the bot's supervisor always
  lists an update worker, and this one does nothing. The advice names `:ignore`.
  """
  use GenServer

  def start_link(%{bot: bot}), do: GenServer.start_link(__MODULE__, bot)

  def init(bot) do
    {:ok, bot}
  end
end

defmodule MyApp.Feed.Poll do #~ otp/genserver-callbacks
  @moduledoc "A near miss: its `init/1` arms a timer, so it is not idle (and `:poll` crashes it)."
  use GenServer

  def start_link(%{bot: bot}), do: GenServer.start_link(__MODULE__, bot)

  def init(bot) do
    :timer.send_interval(1_000, :poll)
    {:ok, bot}
  end
end
