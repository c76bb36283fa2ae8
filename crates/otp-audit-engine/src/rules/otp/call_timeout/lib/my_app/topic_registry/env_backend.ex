defmodule MyApp.TopicRegistry.EnvBackend do
  @moduledoc "Topics kept in the application environment, read through a delegate."

  alias MyApp.TopicRegistry.EnvList

  defdelegate exists?(topic), to: EnvList, as: :member?

  def register(topic), do: GenServer.call(MyApp.TopicRegistry.Writer, {:add, topic}, 1_000)
end

defmodule MyApp.TopicRegistry.EnvList do
  @moduledoc false

  def member?(topic), do: topic in Application.get_env(:my_app, :topics, [])
end
