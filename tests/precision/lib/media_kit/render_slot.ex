defmodule MediaKit.RenderSlot do
  @moduledoc "One render slot: a process that holds a job until it is released."
  use GenServer

  def start_link(opts) do
    GenServer.start_link(__MODULE__, opts, name: Keyword.get(opts, :name))
  end

  def release(slot), do: GenServer.call(slot, :release, 5_000)

  @impl true
  def init(opts), do: {:ok, %{job: Keyword.get(opts, :job), version: 2}}

  @impl true
  def handle_call(:release, _from, state), do: {:stop, :normal, :ok, state}

  @impl true
  def code_change(_old, {:v1, job}, _extra), do: {:ok, %{job: job, version: 2}}
end
