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
