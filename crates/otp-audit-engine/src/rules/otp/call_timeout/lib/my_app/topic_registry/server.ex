defmodule MyApp.TopicRegistry.Server do
  @moduledoc "Answers topic questions through a backend module named by an attribute."
  use GenServer

  alias MyApp.TopicRegistry.EnvBackend

  @backend EnvBackend

  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  # `@backend.exists?/1` reads the application environment through a `defdelegate`:
  # the handler answers at once (info).
  def exists?(topic), do: GenServer.call(__MODULE__, {:exists?, topic}) #~ otp/call-timeout

  # `@backend.register/1` asks another server: still a warning.
  def register(topic), do: GenServer.call(__MODULE__, {:register, topic}) #~ otp/call-timeout

  @impl true
  def init(nil), do: {:ok, nil}

  @impl true
  def handle_call({:exists?, topic}, _from, state), do: {:reply, @backend.exists?(topic), state}

  def handle_call({:register, topic}, _from, state), do: {:reply, @backend.register(topic), state}
end
