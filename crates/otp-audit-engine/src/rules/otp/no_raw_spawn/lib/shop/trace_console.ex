defmodule Shop.TraceConsole do
  @moduledoc """
  Runs a call tracer whose printed output nobody reads: its io_server is a null
  device that answers every I/O request with :ok and drops everything else.
  """

  def start(mod, fun, owner) do
    null_device = spawn_link(fn -> null_io() end)
    :recon_trace.calls({mod, fun, :_}, 100, io_server: null_device, formatter: &forward(&1, owner))
    {:ok, null_device}
  end

  def stop(null_device) do
    :recon_trace.clear()
    Process.exit(null_device, :kill)
  end

  # Near miss: a device that also records what it is asked to print can crash.
  def start_recording(mod, fun) do
    device = spawn_link(fn -> recording_io([]) end) #~ otp/no-raw-spawn
    :recon_trace.calls({mod, fun, :_}, 100, io_server: device)
    device
  end

  defp forward(event, owner) do
    send(owner, {:trace_event, event})
    ""
  end

  defp null_io do
    receive do
      {:io_request, from, ref, _request} -> send(from, {:io_reply, ref, :ok})
      _ -> :ok
    end

    null_io()
  end

  defp recording_io(lines) do
    receive do
      {:io_request, from, ref, {:put_chars, _enc, chars}} ->
        send(from, {:io_reply, ref, :ok})
        recording_io([chars | lines])

      _ ->
        recording_io(lines)
    end
  end
end
