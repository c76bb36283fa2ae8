defmodule MyApp.Feeds.Subscription do
  @moduledoc """
  A subscription to a feed, handed back to the subscriber by `subscribe/2`. Events
  arrive as `{subscription, event}`, tagged with this record.
  """

  @enforce_keys [:ref, :subscriber_pid, :topic]
  defstruct [:ref, :subscriber_pid, :topic]

  @type t :: %__MODULE__{ref: reference(), subscriber_pid: pid(), topic: String.t()}

  @doc "Delivers `event` to every subscription's subscriber."
  def broadcast(subscriptions, event), do: Enum.each(subscriptions, &publish(&1, event))

  @doc "Delivers `event` to the subscription's subscriber, tagged with the subscription."
  def publish(%__MODULE__{subscriber_pid: subscriber_pid} = subscription, event) do
    send(subscriber_pid, tagged(subscription, event))
  end

  @doc "The same delivery, with the tuple written in place."
  def publish_now(subscription = %__MODULE__{subscriber_pid: pid}, event) do
    send(pid, {subscription, event})
  end

  # The helper drops the record: the subscriber gets an untagged event.
  def publish_plain(%__MODULE__{subscriber_pid: pid} = subscription, event) do
    send(pid, untagged(subscription, event)) #~ otp/no-raw-send
  end

  # Not tagged with the record: the subscriber cannot tell this message from any
  # other, so it stays a warning.
  def ping(%__MODULE__{subscriber_pid: pid}), do: send(pid, :ping) #~ otp/no-raw-send

  # Tagged with the record but sent somewhere else than its subscriber.
  def forward(%__MODULE__{} = subscription, relay, event) do
    send(relay, {subscription, event}) #~ otp/no-raw-send
  end

  defp tagged(%__MODULE__{} = subscription, event), do: {subscription, event}

  defp untagged(%__MODULE__{}, event), do: {:event, event}
end
