defmodule MyApp.ResultAttrs do
  @moduledoc "Turns an HTTP client's result into span attributes."

  def handle_stop(meta, state) do
    if state.enabled do
      with {:ok, span} <- Map.fetch(state.spans, meta.ref) do
        attrs =
          case meta.result do #~ code/nesting
            {:ok, %{status: status}} -> %{"response.status": status}
            {:ok, _other} -> %{}
            {:error, exception} -> %{error: true, "error.message": Exception.message(exception)}
            {:error, exception, _req} -> %{error: true, "error.message": Exception.message(exception)}
          end

        MyApp.Spans.finish(span, attrs)
      end
    end
  end

  # Near miss: one clause spans lines.
  def handle_exception(meta, state) do
    if state.enabled do
      with {:ok, span} <- Map.fetch(state.spans, meta.ref) do
        attrs =
          case meta.reason do #~ code/nesting
            :timeout -> %{error: true, kind: :timeout}
            :closed -> %{error: true, kind: :closed}
            other ->
              MyApp.Log.unexpected(other)
              %{error: true, kind: :other}
          end

        MyApp.Spans.finish(span, attrs)
      end
    end
  end
end
