defmodule Shop.Store.Spool do
  @moduledoc "A write spool in front of the store."

  defstruct [:pid]

  # Nothing in this module stops what it starts: the handle has no way to close.
  def open(path) do
    with {:ok, pid} <- Agent.start_link(fn -> {path, []} end) do #~ otp/unsupervised-start
      {:ok, %__MODULE__{pid: pid}}
    end
  end
end
