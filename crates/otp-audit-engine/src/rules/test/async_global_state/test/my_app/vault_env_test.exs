defmodule MyApp.VaultEnvTest do
  use ExUnit.Case, async: true

  # Only this file names the variable, and nothing reads the whole environment: the
  # tests of this module, which never run at the same time, are the only readers.
  test "the password is read from the variable the config names" do
    System.put_env("MYAPP_VAULT_TEST_PASSWORD", "s3cret")
    assert MyApp.Vault.password({System, :get_env, ["MYAPP_VAULT_TEST_PASSWORD"]}) == "s3cret"
  after
    System.delete_env("MYAPP_VAULT_TEST_PASSWORD")
  end

  test "a variable that lib code reads is shared" do
    System.put_env("MYAPP_VAULT_ADDR", "http://127.0.0.1:8200") #~ test/async-global-state
    assert MyApp.Vault.address() == "http://127.0.0.1:8200"
  after
    System.delete_env("MYAPP_VAULT_ADDR")
  end

  # A name in mixed case, made up for this test and named by no other file.
  test "a config tuple reads the variable it names" do
    System.put_env("VaultEnvTestToken", "t0k3n")
    assert MyApp.Vault.password({:system, "VaultEnvTestToken"}) == "t0k3n"
  end

  test "a mixed-case variable that lib code reads is shared" do
    System.put_env("MyAppVaultRole", "reader") #~ test/async-global-state
    assert MyApp.Vault.role() == "reader"
  end

  # `put_env/1` sets each variable of its list or map: only this file names these.
  test "the child's environment is inherited from the VM" do
    :ok = System.put_env([{"MYAPP_VAULT_CHILD_A", "10"}, {"MYAPP_VAULT_CHILD_B", "20"}])
    :ok = System.put_env(%{"MYAPP_VAULT_CHILD_C" => "30"})
    assert System.get_env("MYAPP_VAULT_CHILD_A") == "10"
  end

  test "one variable of the list is read by lib code" do
    System.put_env([{"MYAPP_VAULT_CHILD_D", "1"}, {"MYAPP_VAULT_ADDR", "http://vault:8200"}]) #~ test/async-global-state
    assert MyApp.Vault.address() == "http://vault:8200"
  end

  test "a list built at run time" do
    System.put_env(Enum.map(1..2, &{"MYAPP_VAULT_N#{&1}", "x"})) #~ test/async-global-state
    assert MyApp.Vault.address()
  end

  test "a variable everyone's tools read" do
    System.put_env("TZ", "Europe/Paris") #~ test/async-global-state
    assert MyApp.Vault.address()
  end
end
