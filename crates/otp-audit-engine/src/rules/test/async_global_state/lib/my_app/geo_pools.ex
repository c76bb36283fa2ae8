defmodule MyApp.GeoPools do
  @moduledoc "The HTTP pools the application starts; the proxy comes from the environment."

  def child_spec(_arg) do
    %{id: __MODULE__, start: {Agent, :start_link, [fn -> pools() end, [name: __MODULE__]]}}
  end

  def pools do
    case System.get_env("MYAPP_GEO_PROXY") do
      nil -> %{geo: [size: 3]}
      url -> %{geo: [size: 3, proxy: url]}
    end
  end

  def request_timeout do
    String.to_integer(System.get_env("MYAPP_GEO_TIMEOUT", "5000"))
  end
end
