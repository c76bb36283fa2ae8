defmodule MyApp.Http.PartBuffer do
  @moduledoc """
  Buffers the response parts of one request until the connection hands them on.
  """

  @typedoc """
  The state of one request.

  - `:ref` - the connection's request reference.
  - `:deliver_to` - the process the caller named to get response parts sent to.
  - `:owner` - the process that opened the connection.
  - `:buffer` - parts not yet handed on, newest first.
  """
  @type t :: %__MODULE__{ref: reference(), deliver_to: pid() | nil, owner: pid(), buffer: list()}

  defstruct [:ref, :deliver_to, :owner, buffer: []]

  @spec push(t(), term()) :: t()
  def push(%__MODULE__{} = part_buffer, part), do: %{part_buffer | buffer: [part | part_buffer.buffer]}

  @spec flush(t()) :: t()
  def flush(%__MODULE__{deliver_to: nil} = part_buffer), do: part_buffer

  def flush(%__MODULE__{deliver_to: pid} = part_buffer) do
    part_buffer.buffer |> Enum.reverse() |> Enum.each(&send(pid, &1)) #~ otp/no-raw-send
    %{part_buffer | buffer: []}
  end

  # Near miss: the owner is documented, but not as a process that gets messages.
  @spec closed(t()) :: t()
  def closed(%__MODULE__{owner: owner} = part_buffer) do
    send(owner, {:closed, part_buffer.ref}) #~ otp/no-raw-send
    part_buffer
  end
end
