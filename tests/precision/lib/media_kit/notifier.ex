defmodule MediaKit.Notifier do
  @moduledoc "Tells the owner an upload is ready; delivery may be slow, so it runs apart."

  def upload_ready(upload) do
    Task.async(fn -> MediaKit.Mailer.deliver(:upload_ready, upload.owner_id) end) #~ otp/task-async-unawaited
    :ok
  end
end
