defmodule MyApp.CompileTracer do
  @moduledoc "A compiler tracer: trace/2 runs in each compile worker and asks the server for the root once."
  use GenServer

  def start_link(root), do: GenServer.start_link(__MODULE__, root, name: __MODULE__)

  @impl true
  def init(root), do: {:ok, root}

  @impl true
  def handle_call(:root, _from, root), do: {:reply, root, root}

  def trace({:remote_function, _meta, module, _name, _arity}, env) do
    if String.starts_with?(env.file, root()), do: GenServer.cast(__MODULE__, {:used, module})
    :ok
  end

  def trace(_event, _env), do: :ok

  defp root do
    case Process.get({__MODULE__, :root}) do
      nil ->
        root = GenServer.call(__MODULE__, :root, 5_000)
        Process.put({__MODULE__, :root}, root) #~ otp/no-process-dictionary
        root

      root ->
        root
    end
  end

  # Built from the old entry: an accumulator, not a memo.
  def remember(module) do
    Process.put({__MODULE__, :seen}, [module | Process.get({__MODULE__, :seen}, [])]) #~ otp/no-process-dictionary
  end

  # Read first, but to decide, then written whatever the read found: state (a
  # throttle's clock), not a cache.
  def maybe_log(now) do
    last = Process.get({__MODULE__, :logged_at}, 0)
    if now - last > 60_000, do: IO.puts("still tracing")
    Process.put({__MODULE__, :logged_at}, now) #~ otp/no-process-dictionary
  end

  defp deps_path do
    Process.get({__MODULE__, :deps}) || remember_deps()
  end

  defp remember_deps do
    deps = GenServer.call(__MODULE__, :root, 5_000) <> "/deps"
    Process.put({__MODULE__, :deps}, deps) #~ otp/no-process-dictionary
    deps
  end

  def deps_in?(file), do: String.starts_with?(file, deps_path())
end
