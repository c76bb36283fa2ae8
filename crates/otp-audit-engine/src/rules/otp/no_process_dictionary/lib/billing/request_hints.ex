defmodule Billing.RequestHints do
  @moduledoc "Hints for the invoice editor, computed once per request."

  defmodule Context do
    @moduledoc """
    One request's context: its `ref` keys the request's caches in the process
    dictionary, and `Billing.RequestHints.discard/1` drops them.
    """
    defstruct [:ref]
  end

  def request_context, do: %Context{ref: make_ref()}

  def hint(%Context{} = ctx, line), do: cached({__MODULE__, ctx.ref, line}, fn -> String.length(line) end)

  def discard(%Context{ref: ref}) do
    for {__MODULE__, ^ref, _} = key <- Process.get_keys(), do: Process.delete(key)
    :ok
  end

  defp cached(key, compute) do
    case Process.get(key, :miss) do
      :miss ->
        value = compute.()
        Process.put(key, value) #~ otp/no-process-dictionary
        value

      value ->
        value
    end
  end
end

defmodule Billing.LineCache do
  @moduledoc "Caches rendered invoice lines."

  # Undocumented: the same shape stays a warning.
  def render(line) do
    case Process.get({__MODULE__, line}) do
      nil ->
        html = "<li>" <> line <> "</li>"
        Process.put({__MODULE__, line}, html) #~ otp/no-process-dictionary
        html

      html ->
        html
    end
  end
end
