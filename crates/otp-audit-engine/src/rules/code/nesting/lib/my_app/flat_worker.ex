defmodule MyApp.FlatWorker do
  @moduledoc "Nesting that stays within the default limit of 2."

  use GenServer

  # Module-level code is not a function body.
  for level <- [:debug, :info] do
    if level == :debug do
      case level do
        :debug -> def unquote(level)(msg), do: IO.puts(msg)
      end
    end
  end

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts), do: {:ok, %{opts: opts, pending: []}}

  @impl true
  def handle_call({:fetch, key}, _from, state) do
    case Map.fetch(state.opts, key) do
      {:ok, value} ->
        if value, do: {:reply, {:ok, value}, state}, else: {:reply, :error, state}

      :error ->
        {:reply, :error, state}
    end
  end

  # `receive` and `try` do not count, and neither do captures.
  def drain(timeout) do
    try do
      receive do
        {:job, job} ->
          case job do
            %{run: run} -> if is_function(run), do: run.(), else: :skip
            _ -> Enum.map([job], &inspect/1)
          end
      after
        timeout -> :empty
      end
    rescue
      e in RuntimeError -> {:error, e}
    end
  end

  # `defmacrop` is outside Credo's Nesting check.
  defmacrop guarded(value) do
    if value do
      case value do
        _ -> fn -> if value, do: value end
      end
    end
  end

  def plain(x), do: guarded(x)
end
