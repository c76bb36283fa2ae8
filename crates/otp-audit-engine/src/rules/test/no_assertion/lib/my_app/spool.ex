defmodule MyApp.Spool do
  @moduledoc "Writes outgoing print jobs to a spool folder that the printer daemon reads."

  @spec write(Path.t(), String.t(), iodata) :: :ok
  def write(dir, name, body) do
    case File.mkdir_p(dir) do
      :ok -> :ok
      {:error, reason} -> raise File.Error, reason: reason, action: "make directory", path: dir
    end

    path = Path.join(dir, name <> ".job")

    case write_file(path, body) do
      :ok -> :ok
      {:error, reason} -> raise File.Error, reason: reason, action: "write", path: path
    end
  end

  @spec notify(:inet.port_number()) :: :ok | {:error, term}
  def notify(port) do
    with {:error, reason} <- connect(port) do
      {:error, {:daemon_unreachable, reason}}
    end
  end

  defp write_file(path, body), do: File.write(path, body, [:sync])

  defp connect(port) do
    with {:ok, socket} <- :gen_tcp.connect(~c"localhost", port, [:binary]) do
      :gen_tcp.close(socket)
    end
  end
end
