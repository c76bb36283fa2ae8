defmodule Shop.ReceiptDevice do
  @moduledoc "An in-memory IO device for rendering receipts; opened like a file."
  use GenServer

  # The module's start API, named like `File.open/2`: callers decide about supervision.
  def open(template, opts \\ []) do
    GenServer.start(__MODULE__, {template, opts})
  end

  # Opens, uses and closes the device within one call.
  def render(template, fun) do
    {:ok, device} = GenServer.start(__MODULE__, {template, []})

    try do
      fun.(device)
    after
      close(device)
    end
  end

  def open_and_print(template) do
    {:ok, device} = GenServer.start(__MODULE__, {template, []}) #~ otp/unsupervised-start
    IO.write(device, template)
    device
  end

  def close(device), do: GenServer.stop(device)

  @impl true
  def init({template, opts}), do: {:ok, %{template: template, opts: opts, output: []}}

  @impl true
  def handle_call(:contents, _from, state), do: {:reply, Enum.reverse(state.output), state}
end
