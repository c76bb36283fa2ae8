defmodule MyApp.Duration do
  @moduledoc "Parses durations such as `\"90s\"`."

  @doc """
  Parses a duration into milliseconds.

      iex> MyApp.Duration.parse!("2s")
      2000

      iex> MyApp.Duration.parse!("soon")
      ** (ArgumentError) not a duration: "soon"
  """
  def parse!(text) do
    case Integer.parse(text) do
      {n, "s"} -> n * 1000
      {n, "ms"} -> n
      _ -> raise ArgumentError, "not a duration: #{inspect(text)}"
    end
  end
end

defmodule MyApp.Interval do
  @moduledoc "Like Duration, but its docs show no failing example."

  @doc """
      iex> MyApp.Interval.parse!("3s")
      3000
  """
  def parse!(text) do
    case Integer.parse(text) do
      {n, "s"} -> n * 1000
      _ -> raise ArgumentError, "not an interval: #{inspect(text)}"
    end
  end
end

defmodule MyApp.Span do
  @moduledoc "Its docs show an example that returns an error."

  @doc """
      iex> MyApp.Span.parse("4s")
      {:ok, 4000}

      iex> MyApp.Span.parse("later")
      {:error, :invalid}
  """
  def parse(text) do
    case Integer.parse(text) do
      {n, "s"} -> {:ok, n * 1000}
      _ -> {:error, :invalid}
    end
  end
end

defmodule MyApp.Window do
  @moduledoc """
  Returns `{:error, :invalid}` for text it cannot read; the examples only show success.

      iex> MyApp.Window.parse("5s")
      {:ok, 5000}
  """
  def parse(text) do
    case Integer.parse(text) do
      {n, "s"} -> {:ok, n * 1000}
      _ -> {:error, :invalid}
    end
  end
end
