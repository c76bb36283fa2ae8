defmodule MyApp.CatalogIntegrationCase do
  use ExUnit.CaseTemplate

  using do
    quote do
      use MyApp.CatalogCase
      @moduletag :integration
    end
  end
end
