defmodule Payments.Registration do
  @moduledoc """
  Process registration for the payment servers. A module that uses it gets a last
  `handle_info/2` clause that hands unknown messages to the registry adapter, which
  logs them.
  """

  defmacro __using__(_opts) do
    quote do
      @before_compile unquote(__MODULE__)
    end
  end

  defmacro __before_compile__(_env) do
    quote generated: true do
      def handle_info(msg, state) do
        Payments.Registration.unexpected(__MODULE__, msg)
        {:noreply, state}
      end
    end
  end

  require Logger

  def unexpected(module, msg), do: Logger.warning("#{inspect(module)} ignored #{inspect(msg)}")
end

defmodule Payments.Settlement do
  @moduledoc "Settles the day's payments; its catch-all comes from Payments.Registration."
  use GenServer
  use Payments.Registration

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    :timer.send_interval(3_600_000, :settle)
    {:ok, %{settled: 0}}
  end

  @impl true
  def handle_info(:settle, state), do: {:noreply, %{state | settled: state.settled + 1}}
end

defmodule Payments.Refunds do
  @moduledoc "Uses no module that adds a catch-all: still reported."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    :timer.send_interval(3_600_000, :retry)
    {:ok, %{}}
  end

  @impl true
  def handle_info(:retry, state), do: {:noreply, state} #~ otp/handle-info-catch-all
end
