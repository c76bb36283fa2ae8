defmodule Sync.Attempt do
  @moduledoc false
  use GenServer

  alias Sync.Attempt.Options

  def start_link(fun, opts), do: GenServer.start_link(__MODULE__, {fun, Options.new(opts)})

  @impl true
  def init({fun, opts}) do
    GenServer.cast(self(), :run)
    {:ok, %{fun: fun, opts: opts}}
  end

  @impl true
  def handle_cast(:run, state) do
    result = state.fun.()

    if pid = state.opts.notify_to do
      send(pid, {:attempt_done, result})
    end

    if pid = state.opts.audit_to do
      send(pid, {:attempt_audit, result, state.opts}) #~ otp/no-raw-send
    end

    {:stop, :normal, state}
  end
end

defmodule Sync.Attempt.Options do
  @moduledoc false
  defstruct notify_to: nil, audit_to: nil

  def new(opts), do: struct(__MODULE__, opts)
end
