defmodule MyApp.Tagging do
  @moduledoc "Depth 3 whose innermost level is a one-liner: reported as information."

  def tag_all(state, tag) do
    update_in(state.items, fn items ->
      Enum.map(items, fn item -> if tag in item.tags, do: item, else: %{item | tags: [tag | item.tags]} end) #~ code/nesting
    end)
  end

  def bump_all(counters, keys) do
    Map.new(counters, fn {key, n} ->
      if key in keys do
        case n do #~ code/nesting
          nil -> {key, 1}
          n -> {key, n + 1}
        end
      else
        {key, n}
      end
    end)
  end

  # The innermost level spans lines: a warning.
  def label_all(items, labels) do
    Enum.map(items, fn item ->
      if item.visible do
        case Map.get(labels, item.id) do #~ code/nesting
          nil ->
            item

          label ->
            %{item | label: String.trim(label)}
        end
      else
        item
      end
    end)
  end

  # `case Map.fetch` of one-liners is `Map.get/3`: the level can go, a warning.
  def names(items, names) do
    Enum.map(items, fn item ->
      if item.named do
        case Map.fetch(names, item.id) do #~ code/nesting
          {:ok, name} -> name
          :error -> item.id
        end
      end
    end)
  end

  # Two levels over, but through one-clause callbacks only, down to a one-liner:
  # information (a branch on the way makes it a warning, see counter_race_test.exs).
  def deep(rows) do
    Enum.map(rows, fn row ->
      Enum.map(row, fn cell ->
        Enum.map(cell, fn v -> if v, do: 1, else: 0 end) #~ code/nesting
      end)
    end)
  end
end
