defmodule MyApp.Pricing do
  def base, do: 100


  def discounted( do #~ syntax/parse-error
end
