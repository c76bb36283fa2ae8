defmodule MyApp.GeneratedInit do
  @moduledoc "init/1 is defined through an unquoted name: no finding, no fix."
  use GenServer

  for {name, arity} <- [init: 1] do
    def unquote(name)(unquote_splicing(Macro.generate_arguments(arity, __MODULE__))) do
      {:ok, %{}}
    end
  end

  @impl true
  def handle_call(:ping, _from, state), do: {:reply, :pong, state}
end

defmodule MyApp.EvalQuotedInit do
  @moduledoc "init/1 comes from Module.eval_quoted: no finding, no fix."
  use GenServer

  Module.eval_quoted(__MODULE__, MyApp.ServerTemplate.init_quoted())

  @impl true
  def handle_cast(:reset, _state), do: {:noreply, %{}}
end

defmodule MyApp.HookedInit do
  @moduledoc "A @before_compile hook may add init/1: no finding, no fix."
  use GenServer
  @before_compile MyApp.ServerTemplate

  @impl true
  def handle_info(:tick, state), do: {:noreply, state}
end
