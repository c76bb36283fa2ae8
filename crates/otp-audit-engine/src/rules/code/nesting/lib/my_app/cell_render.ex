defmodule MyApp.CellRender do
  @moduledoc "Renders table cells; the innermost level is a two-clause fn of one-liners."

  def render(kind, rows, acc) do
    case kind do
      :table ->
        Enum.reduce(rows, acc, fn row, acc ->
          Enum.reduce(row, acc, fn #~ code/nesting
            cell, acc when is_binary(cell) -> [cell | acc]
            cell, acc -> [inspect(cell) | acc]
          end)
        end)

      :raw ->
        acc
    end
  end

  def render_checked(kind, rows, acc) do
    case kind do
      :table ->
        Enum.reduce(rows, acc, fn row, acc ->
          Enum.reduce(row, acc, fn #~ code/nesting
            cell, acc when is_binary(cell) ->
              checked = String.trim(cell)
              [checked | acc]

            cell, acc ->
              [inspect(cell) | acc]
          end)
        end)

      :raw ->
        acc
    end
  end
end
