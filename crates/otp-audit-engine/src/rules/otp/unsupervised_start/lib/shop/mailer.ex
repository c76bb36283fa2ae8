defmodule Shop.Mailer do
  @moduledoc "Sends receipts under the shop's task supervisor when it is up."

  def send_receipt(order) do
    run = fn -> Shop.Mail.deliver(order) end

    if Process.whereis(Shop.TaskSupervisor) do
      Task.Supervisor.start_child(Shop.TaskSupervisor, run)
    else
      Task.start(run) #~ otp/unsupervised-start
    end
  end
end
