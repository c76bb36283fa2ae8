defmodule MyApp.Middleware.Timing do
  @moduledoc "A client middleware that times each fetch; users plug it into their clients."

  def call(request, next) do
    :telemetry.span([:my_app, :fetch], %{url: request.url}, fn ->
      response = next.(request)
      {response, %{status: response.status}}
    end)
  end
end
