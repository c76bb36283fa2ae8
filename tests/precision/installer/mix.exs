defmodule BillingNew.MixProject do
  use Mix.Project

  def project do
    [app: :billing_new, version: "0.1.0", elixir: "~> 1.15", deps: []]
  end

  def application do
    [extra_applications: [:logger, :eex]]
  end
end
