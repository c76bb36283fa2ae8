defmodule MyApp.EventDecoder do
  @moduledoc "Decodes webhook payloads into internal events."

  alias MyApp.Handlers

  def decode(%{"type" => type, "data" => data}) do
    %{type: String.to_atom(type), data: data} #~ sec/unsafe-atom
  end

  # The clause rebinds `form` to what the validation returned: not the head's data.
  def attach(%{"form" => form}) do
    case validate(form) do
      {:ok, form} -> {:attach, String.to_atom(form.node)}  # no evidence of unbounded input: info with report_without_evidence
      {:error, reason} -> {:error, reason}
    end
  end

  def pick(%{"kind" => kind}, mode) do
    case mode do
      :open -> {:pick, String.to_atom(kind)} #~ sec/unsafe-atom
      _ -> :closed
    end
  end

  defp validate(%{"node" => node}) when is_binary(node), do: {:ok, %{node: node}}
  defp validate(_), do: {:error, :invalid}

  def decode_piped(params) do
    params["type"]
    |> String.downcase()
    |> String.to_atom() #~ sec/unsafe-atom
  end

  def field_names(keys), do: Enum.map(keys, &String.to_atom/1)  # no evidence of unbounded input: info with report_without_evidence

  def status(params), do: String.to_unsafe_atom(params["status"]) #~ sec/unsafe-atom

  # The explicit spelling, on a value that does not come from a request: the author
  # has already decided it is bounded.
  def column(name), do: String.to_unsafe_atom("col_" <> name)

  def error_view(endpoint) do
    endpoint
    |> Module.split()
    |> hd()
    |> Module.concat("ErrorView")
  end

  def node_name(chars), do: List.to_atom(chars)  # no evidence of unbounded input: info with report_without_evidence

  def from_erlang(bin, chars) do
    {:erlang.binary_to_atom(bin, :utf8), :erlang.list_to_atom(chars)}  # no evidence of unbounded input: info with report_without_evidence
  end

  def from_binary(bin), do: :erlang.binary_to_atom(bin)  # no evidence of unbounded input: info with report_without_evidence

  def handler_for(kind) do
    Module.concat(Handlers, Macro.camelize(kind))  # no evidence of unbounded input: info with report_without_evidence
  end

  def handler_path(parts), do: Module.concat([__MODULE__ | parts])  # no evidence of unbounded input: info with report_without_evidence

  def topic(event), do: :"events_#{event.type}"  # no evidence of unbounded input: info with report_without_evidence

  def decode_body(body) do
    Jason.decode!(body, keys: :atoms) #~ sec/unsafe-atom
  end

  def decode_async(payloads) do
    Task.async_stream(payloads, fn p ->
      Map.update!(p, "type", &String.to_atom/1)  # no evidence of unbounded input: info with report_without_evidence
    end)
  end
end
