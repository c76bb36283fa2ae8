defmodule MyApp.Timers do
  @moduledoc "Reminder timers; `Process` here is the app's process registry facade."
  alias MyApp.{Process, Repo}

  def remind(pid, job_id) do
    :erlang.send_after(Repo.delay_for(job_id), pid, {:remind, job_id}) #~ otp/no-erlang-send
  end

  def nudge(pid, opts) do
    :erlang.send(pid, :nudge, opts) #~ otp/no-erlang-send
  end
end

defmodule MyApp.Process do
  @moduledoc "Wraps timers so tests can stub them."
  alias __MODULE__

  def send_after(dest, msg, time) do
    :erlang.send_after(time, dest, msg) #~ otp/no-erlang-send
  end

  defstruct [:ref]

  def cancel(%Process{} = timer), do: :erlang.cancel_timer(timer.ref)
end

defmodule MyApp.Dispatch do
  @moduledoc "Dispatches jobs; keeps its own process helpers in a nested module."

  def early(pid), do: :erlang.send_after(100, pid, :early) #~ otp/no-erlang-send

  defmodule Process do
    @moduledoc false
    def alive?(pid), do: Elixir.Process.alive?(pid)
  end

  def later(pid), do: :erlang.send_after(100, pid, :later) #~ otp/no-erlang-send
end

defmodule MyApp.Wire do
  @moduledoc "A transport with its own send/2; `Kernel.send` stays explicit here."

  def send(pid, frame) do
    :erlang.send(pid, {:frame, frame}) #~ otp/no-erlang-send
  end
end
