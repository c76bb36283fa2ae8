defmodule Current.MixProject do
  use Mix.Project

  def project do
    [
      app: :current,
      version: "1.2.0",
      elixir: "~> 1.11",
      deps: []
    ]
  end
end
