defmodule Shop.Net.QuoteStreamHandler do
  @moduledoc """
  A cowboy loop handler: the connection process spawns the worker that computes the
  reply, traps exits and takes the worker's end in `info/3`. It owns the worker.
  """
  @behaviour :cowboy_loop

  def init(req, opts) do
    worker = :proc_lib.spawn_link(__MODULE__, :compute, [self(), req, opts])
    Process.flag(:trap_exit, true)
    {:cowboy_loop, req, %{worker: worker, opts: opts}}
  end

  def compute(owner, req, opts) do
    send(owner, {:quote, Shop.Pricing.quote(:cowboy_req.qs(req), opts)})
  end

  def info({:quote, body}, req, state) do
    {:stop, :cowboy_req.reply(200, %{}, body, req), state}
  end

  def info({:EXIT, worker, :normal}, req, %{worker: worker} = state), do: {:ok, req, state}

  def info({:EXIT, worker, reason}, req, %{worker: worker} = state) do
    {:stop, :cowboy_req.reply(500, %{}, inspect(reason), req), state}
  end

  def info(_other, req, state), do: {:ok, req, state}
end

defmodule Shop.Net.QuotePushHandler do
  @moduledoc "The same worker, but nothing here hears of its end."
  @behaviour :cowboy_loop

  def init(req, opts) do
    worker = :proc_lib.spawn_link(__MODULE__, :compute, [self(), req, opts]) #~ otp/no-raw-spawn
    {:cowboy_loop, req, %{worker: worker}}
  end

  def compute(owner, req, opts) do
    send(owner, {:quote, Shop.Pricing.quote(:cowboy_req.qs(req), opts)})
  end

  def info({:quote, body}, req, state) do
    {:stop, :cowboy_req.reply(200, %{}, body, req), state}
  end
end
