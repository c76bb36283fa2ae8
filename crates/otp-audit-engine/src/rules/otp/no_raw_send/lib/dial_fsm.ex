defmodule MyApp.DialFsm do
  @moduledoc "Call-setup state machine; the owning server hands it each event."
  use Fsm, initial_state: :idle, initial_data: %{listeners: %{}}

  defstate idle do
    # The owner's `handle_call({:join, pid}, ...)` passes the caller's pid in.
    defevent join(listener), data: data do
      data = %{data | listeners: Map.put(data.listeners, listener, true)}
      announce(listener)
      next_state(:idle, data)
    end

    defevent ring, data: data do
      for {pid, _} <- data.listeners, do: announce(pid)
      next_state(:ringing, data)
    end
  end

  defp announce(listener), do: send(listener, {:dial_ringing, self()})
end
