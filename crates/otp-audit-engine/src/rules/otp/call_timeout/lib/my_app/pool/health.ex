defmodule MyApp.Pool.Health do
  @moduledoc "Asks the database how the pool's connections are."
  def check(db), do: GenServer.call(db, :health, 2_000)
end
