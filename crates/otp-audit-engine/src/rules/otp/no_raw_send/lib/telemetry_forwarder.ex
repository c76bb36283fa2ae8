defmodule MyApp.TelemetryForwarder do
  @moduledoc """
  Forwards job telemetry to the process that asked for it. The handler runs in
  the process that emits the event and sends to the pid it was attached with.
  """

  def attach(pid \\ self()) do
    :telemetry.attach_many(
      {__MODULE__, pid},
      [[:my_app, :job, :start], [:my_app, :job, :stop]],
      &__MODULE__.handle_event/4,
      %{pid: pid}
    )
  end

  def attach_errors(pid) do
    :telemetry.attach(
      {__MODULE__, :errors, pid},
      [:my_app, :job, :exception],
      fn _event, _measurements, meta, forward_to ->
        send(forward_to, {:job_failed, meta.job_id}) #~ otp/no-raw-send
      end,
      pid
    )
  end

  def handle_event([:my_app, :job, phase], measurements, meta, config) do
    send(config.pid, {:job, phase, meta.job_id, measurements}) #~ otp/no-raw-send
  end

  def handle_event(_event, _measurements, meta, _config) do
    # Not the config's pid: a raw send to a registered process.
    send(MyApp.JobLog, {:unknown_event, meta}) #~ otp/no-raw-send
  end
end
