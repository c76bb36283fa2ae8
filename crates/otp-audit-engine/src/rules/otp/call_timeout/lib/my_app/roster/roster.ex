defmodule MyApp.Roster do
  @moduledoc """
  The client API of the roster: its server lives in `MyApp.Roster.Server`, in
  another file, and answers the reads from its state.
  """

  # The server answers this one from its state at once: info.
  def members(roster), do: GenServer.call(roster, :roster_members) #~ otp/call-timeout

  # The server waits on the store before it answers: still a warning.
  def join(roster, member), do: GenServer.call(roster, {:roster_join, member}) #~ otp/call-timeout

  # Two servers take `:roster_size`, one of them waits: still a warning.
  def size(roster), do: GenServer.call(roster, :roster_size) #~ otp/call-timeout

  # The destination names another server than the one that answers at once: a
  # warning (the same request tag in MyApp.Roster.Server says nothing of it).
  def archived_members, do: GenServer.call(MyApp.Roster.Archive, :roster_members) #~ otp/call-timeout
end
