defmodule MyApp.CatalogCase do
  @moduledoc "Tests that run against their own catalog server."
  use ExUnit.CaseTemplate

  using do
    quote do
      import MyApp.CatalogCase
    end
  end

  setup context do
    # Tests that run one at a time get a fresh catalog; async tests must not touch it.
    unless context[:async] do
      stop_on_exit(MyApp.Catalog.start_link([]))
    end

    :ok
  end

  def stop_on_exit({:ok, pid}) do
    on_exit(fn ->
      ref = Process.monitor(pid)

      receive do
        {:DOWN, ^ref, :process, ^pid, _reason} -> :ok
      end
    end)
  end
end
