defmodule Shop.ConnectionHandler do
  @moduledoc "Behaviour for till connections: the process traps exits before the callback runs."

  @callback handle_connection(term()) :: map()

  defmacro __using__(_opts) do
    quote do
      @behaviour Shop.ConnectionHandler
      use GenServer

      def start_link(socket), do: GenServer.start_link(__MODULE__, socket)

      @impl GenServer
      def init(socket) do
        Process.flag(:trap_exit, true)
        {:ok, handle_connection(socket)}
      end
    end
  end
end
