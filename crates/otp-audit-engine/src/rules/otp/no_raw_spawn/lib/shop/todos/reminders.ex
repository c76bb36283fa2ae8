defmodule Shop.Todos.Reminders do
  @moduledoc "Sends reminders for open tasks; `Task` here is the to-do schema."
  alias Shop.Todos.{Repo, Task}

  def remind(user, %Task{} = task) do
    spawn(fn -> Shop.Mailer.remind(user, task) end) #~ otp/no-raw-spawn
    Repo.touch(task)
  end
end
