defmodule Shop.BootMigrations do
  @moduledoc "An application that runs its migrations at boot: it runs for good, unlike a release task."
  use Application

  @impl true
  def start(_type, _args) do
    Ecto.Migrator.run(Shop.Repo, :up, all: true)
    Task.start(fn -> Shop.Search.warm() end) #~ otp/unsupervised-start
    Supervisor.start_link([Shop.Repo], strategy: :one_for_one, name: Shop.BootSupervisor)
  end
end
