defmodule MyApp.Exporter do
  def run(path) do
    if File.dir?(path) do
      :ok
    else
      Mix.shell().error("The output path #{inspect(path)} does not exist")
      {:error, :enoent}
    end
  end
end

defmodule MyApp.Exporter.Queue do
  def pop([]), do: {:error, :empty}
  def pop([head | tail]), do: {:ok, head, tail}
end
