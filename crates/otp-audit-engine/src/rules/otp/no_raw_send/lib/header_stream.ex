defmodule MyApp.HeaderStream do
  @moduledoc "A cowboy loop handler that streams events; other processes add headers through its client functions."
  @behaviour :cowboy_loop

  @impl true
  def init(req, opts), do: {:cowboy_loop, req, %{opts: opts, headers: %{}}}

  # Client functions of this handler: its own info/3 takes the messages.
  def put_header(pid, name, value) do
    send(pid, {:put_header, name, value})
    :ok
  end

  def finish(pid), do: send(pid, {:finish, :normal})

  # No info/3 clause takes this one.
  def poke(pid), do: send(pid, {:poke, self()}) #~ otp/no-raw-send

  @impl true
  def info({:put_header, name, value}, req, state) do
    {:ok, :cowboy_req.set_resp_header(name, value, req), state}
  end

  def info({:finish, _reason}, req, state), do: {:stop, req, state}
end
