defmodule MyApp.Catalog.RefreshTrigger do
  @moduledoc """
  Asks the catalog loaders to reload their data, waiting for them or not.
  """

  def refresh(loaders, opts \\ []) do
    wait? = Keyword.get(opts, :wait, false)
    Enum.each(loaders, &trigger(&1, wait?))
  end

  # The same request, sent without waiting when the caller asked not to wait: the
  # loader answers it as a call in the sibling clause.
  defp trigger(loader, true), do: GenServer.call(loader, {:reload, self()}, 60_000)
  defp trigger(loader, _), do: send(loader, {:reload, self()})

  # A different message than the one the sibling call makes: still reported.
  def ping(loader, true), do: GenServer.call(loader, :ping, 1_000)
  def ping(loader, _), do: send(loader, {:ping, self()}) #~ otp/no-raw-send
end
