defmodule Billing.ScriptRunner do
  @moduledoc """
  Runs user scripts. What the scripts may look at is published in the runner's
  dictionary, so that a completion process can read it while a script runs.
  """
  use GenServer

  @context_key :billing_runner_context
  @workdir_key :billing_runner_workdir

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @doc "Reads the published context without waiting for a busy runner."
  def context(pid) do
    {:dictionary, dictionary} = Process.info(pid, :dictionary)

    %{
      context: :proplists.get_value(@context_key, dictionary),
      workdir: :proplists.get_value(@workdir_key, dictionary)
    }
  end

  @impl true
  def init(opts) do
    Process.put(@context_key, %{bindings: [], scripts: %{}}) #~ otp/no-process-dictionary
    Process.put(@workdir_key, Keyword.fetch!(opts, :workdir)) #~ otp/no-process-dictionary
    own_keys = MapSet.new(Process.get_keys())
    {:ok, %{own_keys: own_keys, saved: %{}}}
  end

  @impl true
  def handle_call({:run, id, script}, _from, state) do
    restore(Map.get(state.saved, id, %{}), state.own_keys)
    result = script.()
    update_context(fn ctx -> put_in(ctx.scripts[id], result) end)
    {:reply, result, put_in(state.saved[id], snapshot(state.own_keys))}
  end

  defp update_context(fun), do: Process.put(@context_key, fun.(Process.get(@context_key)))

  # The scripts' own dictionary is saved after each run and put back before the
  # next one: a sandbox for their code, not state of this module.
  defp snapshot(own_keys) do
    for {key, value} <- Process.get(), key not in own_keys, into: %{}, do: {key, value}
  end

  defp restore(saved, own_keys) do
    for key <- Process.get_keys(), key not in own_keys, not Map.has_key?(saved, key) do
      Process.delete(key)
    end

    for {key, value} <- saved do
      Process.put(key, value)
    end
  end
end

defmodule Billing.ScriptDefaults do
  @moduledoc "Control: options copied into the dictionary are state, whatever the loop."

  def apply_defaults(opts) do
    for {key, value} <- opts do
      Process.put(key, value) #~ otp/no-process-dictionary
    end

    :ok
  end
end

defmodule Billing.ScriptLocal do
  @moduledoc "Control: written and read back here, and only its own process reads it."
  use GenServer

  @impl true
  def init(opts) do
    Process.put(:billing_script_local, opts) #~ otp/no-process-dictionary
    {:ok, %{}}
  end

  @impl true
  def handle_call(:opts, _from, state), do: {:reply, Process.get(:billing_script_local), state}

  def own_dictionary do
    {:dictionary, dictionary} = Process.info(self(), :dictionary)
    :proplists.get_value(:billing_script_local, dictionary)
  end
end
