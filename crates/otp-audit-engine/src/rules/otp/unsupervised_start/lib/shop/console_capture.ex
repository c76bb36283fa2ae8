defmodule Shop.ConsoleCapture do
  @moduledoc "Routes the VM's console output through Shop's framing, for the editor plugin."

  alias Shop.FramedDevice

  def intercept(frame_out, frame_err) do
    raw_user = Process.whereis(:user)
    raw_error = Process.whereis(:standard_error)

    {:ok, framed_user} = FramedDevice.start_link(raw_user, frame_out)
    {:ok, framed_error} = FramedDevice.start_link(raw_user, frame_err)

    Process.unregister(:user)
    Process.register(raw_user, :raw_user)
    Process.register(framed_user, :user)

    Process.unregister(:standard_error)
    Process.register(raw_error, :raw_standard_error)
    Process.register(framed_error, :standard_error)

    for pid <- Process.list(), pid not in [raw_user, raw_error, framed_user, framed_error] do
      Process.group_leader(pid, framed_user)
    end

    :ok
  end

  # A device for one caller, registered under a name of its own: a plain start.
  def capture_for(owner) do
    {:ok, device} = FramedDevice.start_link(owner, &IO.iodata_to_binary/1) #~ otp/unsupervised-start
    Process.register(device, :shop_capture)
    device
  end
end
