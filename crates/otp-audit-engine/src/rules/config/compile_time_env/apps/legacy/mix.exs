defmodule Legacy.MixProject do
  use Mix.Project

  # Still supports Elixir 1.7, which has no Application.compile_env.
  def project do
    [
      app: :legacy,
      version: "0.4.0",
      elixir: "~> 1.7",
      deps: []
    ]
  end

  def application, do: [extra_applications: [:logger]]
end
