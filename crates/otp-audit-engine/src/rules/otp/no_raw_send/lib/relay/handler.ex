defmodule MyApp.Relay.Handler do
  @moduledoc """
  A behaviour for connection handlers. The listener starts the configured handler
  module for each accepted socket and then sends it
  `{:relay_ready, socket, listener_opts}`; `use MyApp.Relay.Handler` handles that
  message, a hand-written handler (one with just `start_link/1`) must handle it too.
  """

  @callback handle_bytes(binary(), term()) :: {:continue, term()} | {:close, term()}

  defmacro __using__(_opts) do
    quote do
      @behaviour MyApp.Relay.Handler
      use GenServer, restart: :temporary

      def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

      @impl GenServer
      def init(opts), do: {:ok, {nil, opts}}

      @impl GenServer
      def handle_info({:relay_ready, socket, listener_opts}, {nil, opts}) do
        :ok = :inet.setopts(socket, active: :once)
        {:noreply, {socket, Keyword.merge(listener_opts, opts)}}
      end

      unquote(drain_clauses())
    end
  end

  @doc false
  def drain_clauses do
    quote do
      @impl GenServer
      def handle_info({:relay_drain, deadline}, {socket, opts}) do
        Process.send_after(self(), :relay_close, deadline)
        {:noreply, {socket, opts}}
      end
    end
  end
end
