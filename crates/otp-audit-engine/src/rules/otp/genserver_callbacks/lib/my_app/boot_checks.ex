defmodule MyApp.SchemaCheck do #~ otp/genserver-callbacks
  # Validates the schema as the tree starts, raising on a bad one, then idles: info,
  # with the advice to return :ignore once the check is done.
  use GenServer

  def start_link(schema), do: GenServer.start_link(__MODULE__, schema)

  @impl true
  def init(schema) do
    case MyApp.Schema.validate(schema) do
      :ok -> :ok
      {:error, errors} -> raise ArgumentError, "invalid schema: #{inspect(errors)}"
    end

    {:ok, schema, :hibernate}
  end
end

defmodule MyApp.IdleHolder do #~ otp/genserver-callbacks
  # Builds its state and does nothing else, and nothing calls it: still a warning.
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, Map.new(opts)}
end

defmodule MyApp.Boot.SeedDefaults do #~ otp/genserver-callbacks
  # Seeds default rows at boot; the clause for the test environment skips the work
  # and only returns the state. Still a boot step: info.
  use GenServer, restart: :temporary

  def start_link(_), do: GenServer.start_link(__MODULE__, %{env: MyApp.env()})

  @impl true
  def init(%{env: :test} = state), do: {:ok, state}

  def init(state) do
    MyApp.Settings.ensure_defaults()
    MyApp.Repo.delete_all(MyApp.StaleLock)
    {:ok, state}
  end
end

defmodule MyApp.Boot.AfterEndpoint do #~ otp/genserver-callbacks
  # A hook kept between two children for work to come: declared to run once, and
  # its init/1 only returns the state. Info, with the advice to return :ignore.
  use GenServer, restart: :temporary

  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)

  @impl true
  def init(state) do
    # Nothing to do yet.
    {:ok, state}
  end
end

defmodule MyApp.Boot.Ticker do #~ otp/genserver-callbacks
  # Temporary too, but its init/1 schedules a message nobody handles: a warning.
  use GenServer, restart: :temporary

  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)

  @impl true
  def init(state) do
    :timer.send_interval(1_000, :tick)
    {:ok, state}
  end
end
