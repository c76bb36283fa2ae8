defmodule Shop.PrintStation do
  @moduledoc """
  A terminal attaches once (a second attach is refused); the station then starts one
  spooler linked to itself and keeps it in a field of its state for the rest of its
  life.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, %{spooler: nil, backup: nil, jobs: %{}}}

  @impl true
  def handle_cast({:attach, terminal}, state) do
    if state.spooler do
      raise "a terminal is already attached"
    end

    {:ok, spooler} = Shop.Spooler.start_link(terminal)
    {:noreply, %{state | spooler: spooler}}
  end

  def handle_cast({:attach_backup, terminal}, %{backup: nil} = state) do
    {:ok, backup} = Shop.Spooler.start_link(terminal)
    {:noreply, Map.put(state, :backup, backup)}
  end

  # Each call starts another and replaces the field (the old one runs on): reported.
  def handle_cast({:reattach, terminal}, state) do
    {:ok, spooler} = Shop.Spooler.start_link(terminal) #~ otp/unsupervised-start
    {:noreply, %{state | spooler: spooler}}
  end

  # One per job, kept in a collection: reported.
  def handle_cast({:print, id, doc}, state) do
    {:ok, job} = Shop.PrintJob.start_link(doc) #~ otp/unsupervised-start
    {:noreply, %{state | jobs: Map.put(state.jobs, id, job)}}
  end
end
