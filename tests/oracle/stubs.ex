# What the rule fixtures' lib/ files need from the world outside them to compile:
# structs they match on and configuration read at compile time. Calls to modules
# that do not exist are only warnings, so they need no stub.

Application.put_env(:my_app, :region, "eu-west-1")
Application.put_env(:my_app, :mail_from, "shop@example.com")

defmodule MyApp.Orders.Order do
  defstruct [:id, :status]
end

defmodule MyApp.RateLimited do
  defmacro __using__(opts) do
    quote do
      @rate_limit unquote(opts)
    end
  end
end
