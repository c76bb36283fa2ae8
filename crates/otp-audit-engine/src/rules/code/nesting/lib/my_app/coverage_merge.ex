defmodule MyApp.CoverageMerge do
  # Reducers whose innermost level is short clause by clause, laid out over lines.
  def merge(counts, meta) do
    Enum.reduce(counts, %{}, fn {{module, line}, count}, acc ->
      case meta[module] do
        %{source: path} ->
          Map.update(acc, path, %{line => count}, fn lines -> #~ code/nesting
            # a line can be reported by several clauses: keep the largest count
            Map.update(lines, line, count, &max(&1, count))
          end)

        _ ->
          acc
      end
    end)
  end

  def publish_all(messages, conn) do
    Enum.reduce_while(messages, :ok, fn message, :ok ->
      if MyApp.Broker.enabled?(conn) do
        case MyApp.Broker.publish(conn, message) do #~ code/nesting
          # Each branch on lines of its own: a warning, as a `case` laid out so is.
          :ok ->
            {:cont, :ok}

          {:error, error} ->
            {:halt, {:error, error}}
        end
      else
        {:halt, {:error, :disabled}}
      end
    end)
  end

  # The innermost clause runs two statements: it stays a warning.
  def publish_logged(messages, conn) do
    Enum.reduce_while(messages, :ok, fn message, :ok ->
      if MyApp.Broker.enabled?(conn) do
        case MyApp.Broker.publish(conn, message) do #~ code/nesting
          :ok ->
            MyApp.Log.sent(message)
            {:cont, :ok}

          {:error, error} ->
            {:halt, {:error, error}}
        end
      else
        {:halt, {:error, :disabled}}
      end
    end)
  end
end
