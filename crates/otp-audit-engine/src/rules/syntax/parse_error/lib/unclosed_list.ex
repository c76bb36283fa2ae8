defmodule MyApp.Children do
  def specs do
    [ #~ syntax/parse-error
      {Registry, keys: :unique, name: MyApp.Registry},
      {DynamicSupervisor, strategy: :one_for_one, name: MyApp.Workers}
  end
end
