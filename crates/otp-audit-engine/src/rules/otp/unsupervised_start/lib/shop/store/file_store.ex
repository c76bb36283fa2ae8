defmodule Shop.Store.FileStore do
  @moduledoc "The shop's store on disk: an agent owns the file; whoever opens it closes it."

  defstruct [:pid, :path]

  # Hands the caller a handle and, through Shop.Store.close/1, the means to close it,
  # like File.open/2: the caller owns the process.
  def open(path) do
    with {:ok, pid} <- Agent.start_link(fn -> File.open!(path, [:read, :append, :binary]) end) do
      {:ok, %__MODULE__{pid: pid, path: path}}
    end
  end
end

defimpl Shop.Store, for: Shop.Store.FileStore do
  def put(%{pid: pid}, key, value), do: Agent.get(pid, &IO.binwrite(&1, :erlang.term_to_binary({key, value})))
  def get(%{pid: _pid}, _key), do: nil
  def close(%{pid: pid}), do: Agent.stop(pid)
end
