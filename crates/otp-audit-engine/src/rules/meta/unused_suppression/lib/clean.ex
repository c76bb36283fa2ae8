# credo:disable-for-this-file Credo.Check.Readability.ModuleDoc
defmodule MyApp.Clean do
  def hello, do: :world
end
