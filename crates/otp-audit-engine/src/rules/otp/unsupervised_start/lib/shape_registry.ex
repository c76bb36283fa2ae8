defmodule MyApp.ShapeRegistry do
  @moduledoc "Collects the shapes that compile-time transformers register."
  use GenServer

  def ensure_started do
    case Process.whereis(__MODULE__) do
      nil ->
        case GenServer.start_link(__MODULE__, %{}, name: __MODULE__) do #~ otp/unsupervised-start
          {:ok, _pid} -> :ok
          {:error, {:already_started, _pid}} -> :ok
        end

      _pid ->
        :ok
    end
  end

  def register(shape), do: GenServer.call(__MODULE__, {:register, shape}, 30_000)

  # A fresh, unnamed server on every call: nothing makes it a singleton.
  def scratch do
    {:ok, pid} = GenServer.start_link(__MODULE__, %{}) #~ otp/unsupervised-start
    GenServer.cast(pid, :warm_up)
    :ok
  end

  @impl true
  def init(state), do: {:ok, state}

  @impl true
  def handle_call({:register, shape}, _from, state), do: {:reply, :ok, Map.put(state, shape, true)}

  @impl true
  def handle_cast(:warm_up, state), do: {:noreply, state}
end
