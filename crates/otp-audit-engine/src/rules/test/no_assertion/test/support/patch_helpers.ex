defmodule MyApp.PatchHelpers do
  @moduledoc "Repatch expectations for a module's functions, checked when the test ends."

  def expect_calls(module, opts \\ [], expectations) do
    Enum.each(expectations, fn {name, fun} ->
      Repatch.Expectations.expect(module, name, Keyword.merge([mode: :shared], opts), fun)
    end)
  end

  def patch_calls(module, patches) do
    Enum.each(patches, fn {name, fun} -> Repatch.patch(module, name, fun) end)
  end
end
