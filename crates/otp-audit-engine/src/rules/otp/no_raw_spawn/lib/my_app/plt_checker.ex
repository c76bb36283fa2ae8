defmodule MyApp.PltChecker do
  @moduledoc "Runs the analysis backend and collects what it reports."

  # The backend is handed the caller's pid and reports to it; the caller waits in a
  # loop pinned on the backend's pid until its last message or its exit.
  def analyze(plt, files) do
    parent = self()

    pid =
      spawn_link(fn -> #~ otp/no-raw-spawn
        :analysis_backend.start(parent, plt, files)
      end)

    collect(%{backend: pid, warnings: []})
  end

  # Near miss: the backend is handed the caller's pid, but nobody waits for it.
  def analyze_later(plt, files) do
    parent = self()
    spawn_link(fn -> :analysis_backend.start(parent, plt, files) end) #~ otp/no-raw-spawn
    :ok
  end

  defp collect(%{backend: backend} = state) do
    receive do
      {^backend, :warnings, warnings} -> collect(%{state | warnings: state.warnings ++ warnings})
      {^backend, :done} -> state.warnings
      {:EXIT, ^backend, reason} -> {:error, reason}
    end
  end
end
