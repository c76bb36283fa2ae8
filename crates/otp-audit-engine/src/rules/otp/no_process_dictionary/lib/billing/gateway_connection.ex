defmodule Billing.GatewayConnection do
  @moduledoc """
  A connection process. Its connect options (with the API secret) stay out of the
  state, so crash logs and `:sys.get_state/1` never print them.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    Process.put(__MODULE__, opts) #~ otp/no-process-dictionary
    send(self(), :connect)
    {:ok, %{socket: nil}}
  end

  @impl true
  def handle_info(:connect, state) do
    {:noreply, %{state | socket: connect(Process.get(__MODULE__))}}
  end

  def handle_info(_other, state), do: {:noreply, state}

  defp connect(opts), do: {:connected, Keyword.fetch!(opts, :host)}
end

defmodule Billing.CallbackConnection do
  @moduledoc "Keeps the callback module's options under the callback module's name."
  use GenServer

  def start_link({mod, opts}), do: GenServer.start_link(__MODULE__, {mod, opts})

  @impl true
  def init({mod, opts}) do
    remember(mod, opts)
    {:ok, %{mod: mod}}
  end

  @impl true
  def handle_call(:options, _from, state), do: {:reply, options(state.mod), state}

  defp remember(mod, opts), do: Process.put(mod, opts) #~ otp/no-process-dictionary
  defp options(mod), do: Process.get(mod)
end

defmodule Billing.RetryCounter do
  @moduledoc "Rewrites its entry after init: hidden mutable state, still a warning."
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, nil)

  @impl true
  def init(nil) do
    Process.put(__MODULE__, 0) #~ otp/no-process-dictionary
    {:ok, nil}
  end

  @impl true
  def handle_cast(:failed, state) do
    Process.put(__MODULE__, Process.get(__MODULE__) + 1)
    {:noreply, state}
  end
end

defmodule Billing.ForwardingServer do
  @moduledoc "Runs a user's callback module and keeps its state; this server has none."
  use GenServer

  def start_link({mod, arg}), do: GenServer.start_link(__MODULE__, {mod, arg})

  @impl true
  def init({mod, arg}) do
    Process.put({__MODULE__, :callback}, mod) #~ otp/no-process-dictionary
    forward(:init, [arg])
  end

  @impl true
  def handle_call(msg, from, state), do: forward(:handle_call, [msg, from, state])

  @impl true
  def handle_cast(msg, state), do: forward(:handle_cast, [msg, state])

  defp forward(fun, args), do: apply(Process.get({__MODULE__, :callback}), fun, args)
end
