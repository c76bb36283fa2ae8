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

defmodule Shop.Todos.Task do
  defstruct [:id, :title, :due_at]
end

defmodule MyApp.Srv do
  def call(server, request), do: GenServer.call(server, request)
end

defmodule MyApp.ServerTemplate do
  def init_quoted do
    quote do
      @impl true
      def init(state), do: {:ok, state}
    end
  end

  defmacro __before_compile__(_env), do: init_quoted()
end
