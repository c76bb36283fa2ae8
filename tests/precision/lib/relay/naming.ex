defmodule Relay.Naming do
  @moduledoc "Derives module and variable names for generated relay handlers."

  @spec error_handler(module) :: module
  def error_handler(endpoint) do
    endpoint
    |> Module.split()
    |> hd()
    |> Module.concat("ErrorHandler")
  end

  @spec arg_vars(non_neg_integer) :: [Macro.t()]
  def arg_vars(count) do
    for index <- 1..count//1, do: Macro.var(:"arg#{index}", __MODULE__)
  end

  @spec column(String.t()) :: atom
  def column(name), do: String.to_unsafe_atom("col_" <> name)

  @spec sort_key(map) :: atom
  def sort_key(params), do: String.to_unsafe_atom(params["sort"]) #~ sec/unsafe-atom
end
