defmodule Stockroom.ShelfLocks do
  @moduledoc """
  Shelf locks served by a plain process loop. A request carries the pid and ref
  to answer, and the loop answers exactly there.
  """

  @lock_timeout 2_000

  def child_spec(arg) do
    %{id: __MODULE__, start: {Task, :start_link, [fn -> loop(arg) end]}}
  end

  def lock(locks, shelf) do
    ref = Process.monitor(locks)
    Kernel.send(locks, {:lock, shelf, ref, self()})

    receive do
      {^ref, reply} ->
        Process.demonitor(ref, [:flush])
        reply

      {:DOWN, ^ref, :process, _pid, reason} ->
        {:error, reason}
    after
      @lock_timeout ->
        Process.demonitor(ref, [:flush])
        {:error, :timeout}
    end
  end

  defp loop(held) do
    receive do
      {:lock, shelf, ref, reply_to} ->
        if MapSet.member?(held, shelf) do
          send(reply_to, {ref, {:error, :locked}})
          loop(held)
        else
          send(reply_to, {ref, :ok})
          loop(MapSet.put(held, shelf))
        end

      {:unlock, shelf} ->
        loop(MapSet.delete(held, shelf))
    end
  end
end

defmodule Stockroom.Labeler do
  @moduledoc "A label printer loop whose client functions sit next to it."

  def start_link(device), do: Task.start_link(fn -> loop(device) end)

  def print(labeler, sku), do: send(labeler, {__MODULE__, :print, sku})

  def pause(labeler), do: send(labeler, {__MODULE__, :pause})

  defp loop(device) do
    receive do
      {__MODULE__, :print, sku} ->
        IO.binwrite(device, "^XA^FD#{sku}^FS^XZ")
        loop(device)

      {__MODULE__, :pause} ->
        receive do
          {__MODULE__, :print, _sku} = job -> send(self(), job)
        end

        loop(device)
    end
  end
end

defmodule Stockroom.ScanRelay do
  @moduledoc "Forwards scanner events to the terminals watching an aisle."

  def relay(terminals, event) do
    Enum.each(terminals, fn terminal -> send(terminal, event) end)
  end

  def acknowledge(batches) do
    Enum.each(batches, fn
      {:confirm, terminal, ref, _rows} -> send(terminal, {ref, :stored})
      {:fire_and_forget, _rows} -> :ok
    end)
  end
end
