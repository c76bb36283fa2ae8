# A script under priv/ without template tags is still Elixir that `mix run` evaluates.
alias Shop.Repo

for sku <- ["A-1", "B-2"] do
  Repo.insert!(%Shop.Item{sku: sku)  #~ syntax/parse-error
end
