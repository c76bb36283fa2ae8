defmodule MyApp.AxisCheck do
  @moduledoc "Validates the axes a caller names before slicing."

  # A pairwise order check: the guard reads the previous axis, so the reduce is the
  # check itself and its result is not the point.
  def ordered!(axes) do
    Enum.reduce(axes, fn
      next, prev when prev < next -> next
      _, _ -> raise ArgumentError, "axes must be in ascending order"
    end)

    axes
  end

  # The guard reads only the element, and the function logs: `Enum.each/2` says it.
  def log_positive(values) do
    Enum.reduce(values, fn #~ code/unused-operation
      value, _seen when value > 0 -> IO.puts("positive #{value}")
      _, _seen -> :skipped
    end)

    :ok
  end
end
