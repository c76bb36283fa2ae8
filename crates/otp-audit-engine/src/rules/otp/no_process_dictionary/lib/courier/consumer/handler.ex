defmodule Courier.Consumer.Handler do
  @moduledoc """
  The behaviour of a consumer's message handler. `use` it to get `topic/0` and
  `partition/0`, which tell the handler where the batch it handles came from.
  """

  @callback handle_batch([term()]) :: :ack

  defmacro __using__(_opts) do
    quote do
      @behaviour Courier.Consumer.Handler

      def topic do
        Process.get(:courier_topic)
      end

      def partition(), do: Process.get(:courier_partition)

      def lag_of(key), do: Process.get(key) #~ otp/no-process-dictionary
    end
  end

  def current_topic, do: Process.get(:courier_topic) #~ otp/no-process-dictionary
end
