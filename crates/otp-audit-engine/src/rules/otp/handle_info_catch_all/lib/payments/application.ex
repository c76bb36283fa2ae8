defmodule Payments.Application do
  @moduledoc false
  use Application

  @impl true
  def start(_type, _args) do
    children = [{Payments.QuietPoller, interval: 30_000}]
    Supervisor.start_link(children, strategy: :one_for_one)
  end
end
