defmodule Courier.TrackingFeed do
  @moduledoc """
  Streams parcel scan events to dashboards. A dashboard process attaches a
  telemetry handler that forwards scans to it.
  """

  @events [[:courier, :scan, :accepted], [:courier, :scan, :rejected]]

  def subscribe(dashboard \\ self()) do
    :telemetry.attach_many({__MODULE__, dashboard}, @events, &__MODULE__.handle_event/4, %{dashboard: dashboard})
  end

  def unsubscribe(dashboard \\ self()), do: :telemetry.detach({__MODULE__, dashboard})

  def handle_event([:courier, :scan, outcome], _measurements, %{parcel_id: id, depot: depot}, %{dashboard: dashboard}) do
    send(dashboard, {:scan, outcome, id, depot}) #~ otp/no-raw-send
  end
end
