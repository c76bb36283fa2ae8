defmodule MyApp.RetryDispatch do
  # The inner case's first branch is one call the formatter wrapped: info.
  def request(method, url, headers, body, config, attempt) do
    with {:ok, full} <- sign(headers) do
      case send_request(method, url, full, body) do
        {:ok, %{status: status} = resp} when status in 400..499 ->
          case classify(resp, config) do  #~ code/nesting
            {:retry, reason} ->
              request_again(
                method,
                url,
                headers,
                body,
                config,
                next_attempt(attempt, reason, config)
              )

            {:error, reason} ->
              {:error, reason}
          end

        other ->
          other
      end
    end
  end

  # A one-clause fn that binds a value and returns: info.
  def variants(specs, prefix) do
    for spec <- specs, reduce: [] do
      acc ->
        case spec do
          {:choice, values} ->
            Enum.reduce(values, acc, fn value, names ->  #~ code/nesting
              name = "#{prefix}#{value}"
              [name | names]
            end)

          _ ->
            acc
        end
    end
  end

  # Three statements in the fn: a warning.
  def labelled(specs, prefix) do
    for spec <- specs, reduce: [] do
      acc ->
        case spec do
          {:choice, values} ->
            Enum.reduce(values, acc, fn value, names ->  #~ code/nesting
              name = "#{prefix}#{value}"
              label = String.upcase(name)
              [{name, label} | names]
            end)

          _ ->
            acc
        end
    end
  end

  # The wrapped call builds a data structure over many lines: a warning.
  def notify(events, sink, config) do
    with {:ok, conn} <- connect(config) do
      case fetch(conn) do
        {:ok, batch} ->
          case split(batch) do  #~ code/nesting
            {:many, parts} ->
              deliver(
                sink,
                %{
                  parts: parts,
                  count: length(parts),
                  source: config.source_name,
                  received_at: DateTime.utc_now(),
                  retry_policy: config.retry_policy
                },
                events
              )

            {:one, part} ->
              deliver(sink, [part], events)
          end

        error ->
          error
      end
    end
  end

  defp sign(headers), do: {:ok, headers}
  defp send_request(_method, _url, _headers, _body), do: {:ok, %{status: 200}}
  defp classify(_resp, _config), do: {:error, :bad_request}
  defp request_again(_m, _u, _h, _b, _c, _a), do: :ok
  defp next_attempt(attempt, _reason, _config), do: attempt + 1
  defp connect(config), do: {:ok, config}
  defp fetch(_conn), do: {:ok, []}
  defp split(batch), do: {:one, batch}
  defp deliver(_sink, _parts, events), do: events
end
