# fixture: needs the project
defmodule ConsoleProbe.Presence do
  @moduledoc "Asks whichever console process serves a device whether it is open."

  def console_open?(device_id) do
    Phoenix.PubSub.broadcast(ConsoleProbe.PubSub, "console:#{device_id}", {:open?, self()})

    receive do
      :open -> true
    after
      500 -> false
    end
  end

  def attach(device_id) do
    Phoenix.PubSub.broadcast(ConsoleProbe.PubSub, "console:#{device_id}", {:attach, self()})
  end
end
