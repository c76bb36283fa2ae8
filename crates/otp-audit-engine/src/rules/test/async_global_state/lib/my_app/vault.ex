defmodule MyApp.Vault do
  @moduledoc "Reads the secrets store's address and credentials."

  def address, do: System.get_env("MYAPP_VAULT_ADDR", "http://localhost:8200")

  def password({:system, name}), do: System.get_env(name)
  def password({module, function, args}), do: apply(module, function, args)

  def role, do: System.get_env("MyAppVaultRole", "admin")
end
